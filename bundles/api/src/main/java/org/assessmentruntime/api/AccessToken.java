package org.assessmentruntime.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for the control plane.
 *
 * <p>{@link #toString()} masks the token: records print all their fields, and this one must not end up
 * in logs or shell output.
 *
 * @param value     the token itself; a secret
 * @param expiresAt when the control plane stops accepting it
 */
public record AccessToken(String value, Instant expiresAt) {

    /** Validates. */
    public AccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AccessToken.value is required");
        }
        Objects.requireNonNull(expiresAt, "AccessToken.expiresAt");
    }

    /** The value of the HTTP {@code Authorization} header: {@code Bearer <token>}. A secret. */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    /** Shows the expiry, never the token. */
    @Override
    public String toString() {
        return "AccessToken[value=***, expiresAt=" + expiresAt + "]";
    }
}
