package org.assessmentruntime.http.internal;

import java.security.Principal;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs a user in against a JAAS realm, Karaf's by default ({@code karaf}: {@code etc/users.properties},
 * or whatever login modules the operator configured for it), and checks a role.
 */
final class JaasAuthenticator implements Authenticator {

    // Karaf's login modules put each role of the user (also those of its groups) into the subject as a
    // principal of this class; matched by name so that this bundle needs no Karaf JAAS import.
    private static final String KARAF_ROLE_PRINCIPAL = "RolePrincipal";

    /** The realms' configuration; {@code null} for the JVM's (Karaf installs its own there). */
    private final Configuration configuration;

    /** Against the JVM's JAAS configuration, which Karaf's JAAS bundles provide. */
    JaasAuthenticator() {
        this(null);
    }

    JaasAuthenticator(Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Optional<String> refusal(String realm, String user, char[] password, String requiredRole) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads the realm's login module (Karaf's ProxyLoginModule, boot-delegated) through the
        // context class loader, which on a pax-web thread is the web context's: use ours, which sees it.
        thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password),
                    configuration);
            login.login();
        } catch (LoginException | SecurityException e) {
            return Optional.of("login refused by realm '" + realm + "'");
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (!requiredRole.isEmpty() && !hasRole(subject, requiredRole)) {
            return Optional.of("user '" + user + "' does not have the role '" + requiredRole + "'");
        }
        return Optional.empty();
    }

    private static void answer(Callback[] callbacks, String user, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static boolean hasRole(Subject subject, String role) {
        for (Principal principal : subject.getPrincipals()) {
            if (KARAF_ROLE_PRINCIPAL.equals(principal.getClass().getSimpleName()) && role.equals(principal.getName())) {
                return true;
            }
        }
        return false;
    }
}
