package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.time.Duration;

import org.assessmentruntime.api.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the token endpoint's reply {@code {"access_token", "token_type", "expires_in"}}. Error messages
 * never quote the body: it may hold a token.
 */
final class TokenReplies {

    private static final Logger LOG = LoggerFactory.getLogger(TokenReplies.class);

    /** The lifetime of a token whose reply has no usable expires_in (missing, not a number, not positive). */
    static final Duration ASSUMED_LIFETIME = Duration.ofSeconds(30);

    /** The shortest lifetime a token is given: a fraction of a second would be renewed on every request. */
    static final Duration SHORTEST_LIFETIME = Duration.ofSeconds(1);

    /** The longest lifetime a token is given, whatever the reply says. */
    static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param status the HTTP status of the reply
     * @param body   the reply body
     */
    TokenGrant parse(int status, byte[] body) throws AuthenticationException {
        if (status == 401) {
            throw new TokenRefusedException(401, "client credentials rejected: the control plane answered 401 to "
                    + "the token request; check clientId and clientSecret");
        }
        if (status == 403) {
            throw new TokenRefusedException(403, "client credentials refused (403): the client's key is revoked or "
                    + "expired, or the agent is inactive; an operator must re-enable it on the control plane");
        }
        if (status != 200) {
            throw new AuthenticationException("the token endpoint answered HTTP " + status + " instead of 200",
                    false, null);
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            // Not e.getMessage(): Jackson quotes the offending text, which could be part of a token.
            throw new AuthenticationException("the token endpoint's reply is not JSON (" + (body == null ? 0
                    : body.length) + " bytes)", false, null);
        }
        if (reply == null || !reply.isObject()) {
            throw new AuthenticationException("the token endpoint's reply is not a JSON object", false, null);
        }
        JsonNode token = reply.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new AuthenticationException("the token endpoint's reply has no access_token", false, null);
        }
        JsonNode type = reply.get("token_type");
        if (type != null && !type.isNull() && !"bearer".equalsIgnoreCase(type.asText())) {
            throw new AuthenticationException("the token endpoint's reply has a token_type other than Bearer",
                    false, null);
        }
        return new TokenGrant(token.asText(), lifetime(reply.get("expires_in")));
    }

    /**
     * The token's lifetime as the reply gives it, clamped to {@link #SHORTEST_LIFETIME}..{@link #MAX_LIFETIME}
     * (9e18 s would overflow every instant it is added to). One that is missing, not a number, zero or
     * negative is taken as {@link #ASSUMED_LIFETIME}: the token is still tried (a 401 renews it), and is
     * not renewed again before half of that, so such a server does not draw a token request per
     * control-plane request.
     */
    static Duration lifetime(JsonNode expiresIn) {
        double seconds = expiresIn != null && expiresIn.isNumber() ? expiresIn.asDouble() : Double.NaN;
        if (!(seconds > 0)) {
            // The value is not quoted: it is the server's text, in a reply that also carries the token.
            LOG.warn("The token endpoint's reply has no positive number expires_in; assuming {} s",
                    ASSUMED_LIFETIME.toSeconds());
            return ASSUMED_LIFETIME;
        }
        if (seconds > MAX_LIFETIME.toSeconds()) {
            LOG.warn("The token endpoint's reply has expires_in {} (above {} s); assuming {} s", expiresIn,
                    MAX_LIFETIME.toSeconds(), MAX_LIFETIME.toSeconds());
            return MAX_LIFETIME;
        }
        return seconds < SHORTEST_LIFETIME.toSeconds() ? SHORTEST_LIFETIME : Duration.ofSeconds((long) seconds);
    }
}
