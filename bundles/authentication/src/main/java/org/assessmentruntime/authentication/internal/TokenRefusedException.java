package org.assessmentruntime.authentication.internal;

import org.assessmentruntime.api.AuthenticationException;

/** The token endpoint refused the client credentials; carries the HTTP status to tell 401 from 403. */
final class TokenRefusedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final int status;

    TokenRefusedException(int status, String message) {
        super(message, true, null);
        this.status = status;
    }

    int status() {
        return status;
    }
}
