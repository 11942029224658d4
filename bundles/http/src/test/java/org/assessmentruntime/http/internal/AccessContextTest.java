package org.assessmentruntime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessContextTest {

    private final List<String> logins = new ArrayList<>();
    private final Authenticator authenticator = (realm, user, password, role) -> {
        logins.add(realm + ":" + user + ":" + role);
        return "ops".equals(user) && "secret".equals(new String(password)) ? Optional.empty()
                : Optional.of("wrong password");
    };

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void loopbackClientsAreAnswered(String address) {
        assertThat(AccessContext.isLoopback(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "192.168.1.1", "fe80::1", "::ffff:10.0.0.1", "localhost", "", "dead", "999.0.0.1", "127.0.0",
            "127.0.0.1.example.com"})
    void everyOtherAddressIsNotLoopbackAndNoNameIsLookedUp(String address) {
        assertThat(AccessContext.isLoopback(address)).isFalse();
    }

    @Test
    void aRemoteClientIsRefusedByDefault() throws IOException {
        Http http = Http.get("/metrics");
        when(http.request.getRemoteAddr()).thenReturn("10.1.2.3");

        assertThat(context(false, "none").handleSecurity(http.request, http.response)).isFalse();
        assertThat(http.status()).isEqualTo(403);
        assertThat(http.json().path("error").asText()).contains("loopback").contains("allowRemote");
    }

    @Test
    void aRemoteClientIsAnsweredWhenAllowed() throws IOException {
        Http http = Http.get("/metrics");
        when(http.request.getRemoteAddr()).thenReturn("10.1.2.3");

        assertThat(context(true, "none").handleSecurity(http.request, http.response)).isTrue();
    }

    @Test
    void aLoopbackClientIsAnsweredWithoutLoginByDefault() throws IOException {
        Http http = Http.get("/health");

        assertThat(context(false, "none").handleSecurity(http.request, http.response)).isTrue();
        assertThat(logins).isEmpty();
    }

    @Test
    void withBasicAuthenticationNoCredentialsIsAChallenge() throws IOException {
        Http http = Http.get("/ready");

        assertThat(context(false, "basic").handleSecurity(http.request, http.response)).isFalse();
        assertThat(http.status()).isEqualTo(401);
        assertThat(http.headers.get("WWW-Authenticate")).startsWith("Basic realm=\"karaf\"");
    }

    @Test
    void withBasicAuthenticationTheRealmDecidesAndTheUserIsRecorded() throws IOException {
        Http good = Http.get("/ready");
        when(good.request.getHeader("Authorization")).thenReturn(basic("ops:secret"));
        Http bad = Http.get("/ready");
        when(bad.request.getHeader("Authorization")).thenReturn(basic("ops:guess"));
        AccessContext context = context(false, "basic");

        assertThat(context.handleSecurity(good.request, good.response)).isTrue();
        org.mockito.Mockito.verify(good.request).setAttribute(AccessContext.REMOTE_USER, "ops");
        org.mockito.Mockito.verify(good.request).setAttribute(AccessContext.AUTHENTICATION_TYPE,
                HttpServletRequest.BASIC_AUTH);
        assertThat(context.handleSecurity(bad.request, bad.response)).isFalse();
        assertThat(bad.status()).isEqualTo(401);
        assertThat(logins).containsExactly("karaf:ops:viewer", "karaf:ops:viewer");
    }

    @Test
    void malformedCredentialsAreRefusedWithoutAskingTheRealm() throws IOException {
        Http http = Http.get("/ready");
        when(http.request.getHeader("Authorization")).thenReturn("Basic %%%not-base64");

        assertThat(context(false, "basic").handleSecurity(http.request, http.response)).isFalse();
        assertThat(http.status()).isEqualTo(401);
        assertThat(logins).isEmpty();
    }

    @Test
    void aRejectedConfigurationFailsClosedUntilAValidOneArrives() throws IOException {
        HttpPolicy policy = new HttpPolicy(TestConfigs.http(false, "none"));
        AccessContext context = new AccessContext(policy, authenticator);
        policy.modified(TestConfigs.http(false, "basci"));
        Http refused = Http.get("/health");

        assertThat(context.handleSecurity(refused.request, refused.response)).isFalse();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).contains("authentication").contains("basci");

        policy.modified(TestConfigs.http(false, "none"));
        Http answered = Http.get("/health");
        assertThat(context.handleSecurity(answered.request, answered.response)).isTrue();
    }

    private AccessContext context(boolean allowRemote, String authentication) {
        return new AccessContext(new HttpPolicy(TestConfigs.http(allowRemote, authentication)), authenticator);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
