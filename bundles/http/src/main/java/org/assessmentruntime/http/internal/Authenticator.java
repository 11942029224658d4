package org.assessmentruntime.http.internal;

import java.util.Optional;

/** Checks a user's password and role; the JAAS one in the runtime, fakes in tests. */
interface Authenticator {

    /**
     * Checks a login.
     *
     * @param realm        the JAAS realm to ask
     * @param user         the user name
     * @param password     the password
     * @param requiredRole a role the user must have; empty for any
     * @return why the login is refused, or empty when it is accepted
     */
    Optional<String> refusal(String realm, String user, char[] password, String requiredRole);
}
