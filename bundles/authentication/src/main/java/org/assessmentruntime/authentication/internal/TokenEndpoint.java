package org.assessmentruntime.authentication.internal;

import org.assessmentruntime.api.AuthenticationException;

/** Asks the control plane's token endpoint for a token with the client credentials. */
@FunctionalInterface
interface TokenEndpoint {

    /**
     * @throws TokenRefusedException   when the endpoint refused the credentials (401, 403)
     * @throws AuthenticationException when it could not be reached or answered oddly
     */
    TokenGrant request() throws AuthenticationException;
}
