package org.assessmentruntime.authentication.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.AuthenticationStatus;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;

/**
 * The {@link ComponentId#AUTHENTICATION} component's health, from state held in memory: UP standalone
 * or connected; DEGRADED when renewing the token fails while the current one still works, or changed TLS
 * files cannot be used; DOWN when the configuration is invalid, or when the link cannot authenticate:
 * no valid token and the last token request failed, or a token request is stuck past its deadline.
 * Facts never include a secret.
 */
final class AuthenticationHealth {

    static final String STANDALONE = "standalone: no control plane configured";

    private AuthenticationHealth() {
    }

    static ComponentHealth of(ConnectionState state) {
        if (state.invalid() != null) {
            return ComponentHealth.of(ComponentId.AUTHENTICATION, HealthState.DOWN,
                    "invalid control plane configuration: " + state.invalid());
        }
        if (!state.connected()) {
            return ComponentHealth.of(ComponentId.AUTHENTICATION, HealthState.UP, STANDALONE);
        }
        Settings settings = state.settings();
        AuthenticationStatus status = state.tokens().status();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("url", settings.url().orElseThrow().toString());
        facts.put("clientId", settings.hasCredentials() ? settings.clientId() : "(none: requests go without a token)");
        if (status.tokenExpiresAt() != null) {
            facts.put("tokenExpiresAt", status.tokenExpiresAt().toString());
        }
        ReloadingTls tls = state.tls();
        String tlsError = "";
        if (tls != null) {
            if (tls.clientCertificate() != null) {
                facts.put("clientCertificate", TlsMaterial.subject(tls.clientCertificate()));
                facts.put("clientCertificateNotAfter", tls.clientCertificateNotAfter().toString());
            } else {
                facts.put("clientCertificate", "(none)");
            }
            facts.put("caSource", tls.caSource());
            tlsError = tls.lastError();
        }
        String error = join(status.lastError(), tlsError);
        Optional<String> down = state.tokens().down();
        if (down.isPresent()) {
            facts.put("lastError", error);
            return new ComponentHealth(ComponentId.AUTHENTICATION, HealthState.DOWN,
                    "control plane link down: " + down.get(), facts);
        }
        if (!error.isEmpty()) {
            facts.put("lastError", error);
            return new ComponentHealth(ComponentId.AUTHENTICATION, HealthState.DEGRADED, error, facts);
        }
        return new ComponentHealth(ComponentId.AUTHENTICATION, HealthState.UP,
                "connected to " + facts.get("url"), facts);
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "; " + b;
    }
}
