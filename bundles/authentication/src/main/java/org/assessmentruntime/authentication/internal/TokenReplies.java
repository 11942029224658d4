package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.time.Duration;

import org.assessmentruntime.api.AuthenticationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the token endpoint's reply {@code {"access_token", "token_type", "expires_in"}}. Error messages
 * never quote the body: it may hold a token.
 */
final class TokenReplies {

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
        JsonNode expiresIn = reply.get("expires_in");
        if (expiresIn == null || !expiresIn.canConvertToLong() || !expiresIn.isNumber() || expiresIn.asLong() <= 0) {
            throw new AuthenticationException("the token endpoint's reply has no positive number expires_in",
                    false, null);
        }
        return new TokenGrant(token.asText(), Duration.ofSeconds(expiresIn.asLong()));
    }
}
