package org.assessmentruntime.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Proves the runtime to the control plane: obtains bearer tokens with the configured client
 * credentials, caches them, and renews them before they expire. Every bundle that calls the control
 * plane asks here for the token of each request, so credentials live in one place.
 *
 * <p>Thread-safe; concurrent callers needing a new token share one token request.
 */
@ProviderType
public interface Authentication {

    /**
     * The token to send now, renewed first if it expires within a minute. May block on the token
     * endpoint.
     *
     * @return the token, or empty when no credentials are configured (requests then go anonymously)
     * @throws AuthenticationException if credentials are configured but no token can be obtained
     */
    Optional<AccessToken> token() throws AuthenticationException;

    /**
     * Reports that the control plane refused a token (HTTP 401), so that the next {@link #token()}
     * obtains a new one. Takes the refused token so that a token another thread already renewed is not
     * thrown away too. Does not block.
     *
     * @param refused the token that was refused
     */
    void invalidate(AccessToken refused);

    /** Where authentication stands. Answers from memory, without I/O. */
    AuthenticationStatus status();
}
