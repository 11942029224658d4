package org.assessmentruntime.api;

import java.time.Instant;

/**
 * Where authentication stands, for the status command. Holds no secret.
 *
 * @param configured     whether credentials are configured; without them requests go anonymously
 * @param clientId       the configured client id (not a secret); empty when not configured
 * @param tokenExpiresAt when the current token expires; {@code null} when there is none
 * @param lastError      why the last attempt to obtain a token failed; empty when it succeeded
 */
public record AuthenticationStatus(boolean configured, String clientId, Instant tokenExpiresAt, String lastError) {

    /** Fills in empty strings. */
    public AuthenticationStatus {
        clientId = clientId == null ? "" : clientId;
        lastError = lastError == null ? "" : lastError;
    }
}
