package org.assessmentruntime.referencecp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Client credentials, issued bearer tokens and their expiry. */
final class Tokens {

    /** Outcome of checking client credentials or a bearer token; {@code message} explains a refusal. */
    record Check(int status, String message) {
        static final Check OK = new Check(200, null);

        boolean ok() {
            return status == 200;
        }
    }

    private final Map<String, String> secrets;
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Tokens(Map<String, String> secrets, Duration lifetime, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Duration lifetime() {
        return lifetime;
    }

    Set<String> clients() {
        return secrets.keySet();
    }

    Check credentials(String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null) {
            return new Check(401, "missing client credentials");
        }
        String expected = secrets.get(clientId);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8))) {
            return new Check(401, "invalid client credentials");
        }
        if (disabled.contains(clientId)) {
            return new Check(403, "agent is inactive");
        }
        return Check.OK;
    }

    String issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, clock.instant().plus(lifetime));
        return token;
    }

    /** Checks an {@code Authorization} header value. */
    Check bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Check(401, "missing bearer token");
        }
        Instant expiry = expiryByToken.get(authorization.substring(7).trim());
        if (expiry == null) {
            return new Check(401, "invalid token");
        }
        if (!clock.instant().isBefore(expiry)) {
            return new Check(401, "token expired");
        }
        return Check.OK;
    }

    void revokeAll() {
        expiryByToken.clear();
    }

    void disable(String clientId) {
        disabled.add(clientId);
    }

    void enable(String clientId) {
        disabled.remove(clientId);
    }
}
