package org.assessmentruntime.api;

/**
 * No credentials could be obtained for the control plane.
 *
 * <p>{@link #credentialsRejected()} separates the two cases callers must handle differently: the
 * control plane refused the runtime's credentials (HTTP 401/403 from the token endpoint: revoked or
 * wrong key, inactive agent), where retrying soon only hammers the server until an operator acts; or
 * it could not be reached or answered oddly, where retrying with back-off is right.
 */
public class AuthenticationException extends AssessmentException {

    private static final long serialVersionUID = 1L;

    private final boolean credentialsRejected;

    /**
     * @param message             what failed; never the secret
     * @param credentialsRejected whether the control plane refused the credentials
     * @param cause               the underlying failure, or {@code null}
     */
    public AuthenticationException(String message, boolean credentialsRejected, Throwable cause) {
        super(message, cause);
        this.credentialsRejected = credentialsRejected;
    }

    /** Whether the control plane refused the credentials, as opposed to not being reachable. */
    public boolean credentialsRejected() {
        return credentialsRejected;
    }
}
