package org.assessmentruntime.authentication.internal;

import java.time.Duration;

/**
 * A token as the token endpoint granted it. {@link #toString()} masks the token.
 *
 * @param accessToken the token; a secret
 * @param expiresIn   how long it is valid from now
 */
record TokenGrant(String accessToken, Duration expiresIn) {

    @Override
    public String toString() {
        return "TokenGrant[accessToken=***, expiresIn=" + expiresIn + "]";
    }
}
