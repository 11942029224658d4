package org.assessmentruntime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.junit.jupiter.api.Test;

class JaasAuthenticatorTest {

    /** One realm, "test", whose only user is ops/secret with Karaf-style role principals viewer and ssh. */
    private final JaasAuthenticator authenticator = new JaasAuthenticator(new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return "test".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                    TestLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())}
                    : null;
        }
    });

    @Test
    void aUserWithTheRoleIsAccepted() {
        assertThat(authenticator.refusal("test", "ops", "secret".toCharArray(), "viewer")).isEmpty();
        assertThat(authenticator.refusal("test", "ops", "secret".toCharArray(), "")).isEmpty();
    }

    @Test
    void aWrongPasswordAMissingRoleOrAnUnknownRealmIsRefused() {
        assertThat(authenticator.refusal("test", "ops", "guess".toCharArray(), "viewer")).hasValueSatisfying(
                why -> assertThat(why).contains("login refused"));
        assertThat(authenticator.refusal("test", "ops", "secret".toCharArray(), "admin")).hasValueSatisfying(
                why -> assertThat(why).contains("role 'admin'"));
        assertThat(authenticator.refusal("nope", "ops", "secret".toCharArray(), "")).isPresent();
    }

    /** Named like Karaf's role principal, which is matched by its simple class name. */
    public static final class RolePrincipal implements Principal {
        private final String name;

        RolePrincipal(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** Accepts ops/secret and gives it two roles. */
    public static final class TestLoginModule implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!"ops".equals(name.getName()) || !"secret".equals(new String(password.getPassword()))) {
                throw new FailedLoginException("wrong password");
            }
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new RolePrincipal("viewer"));
            subject.getPrincipals().add(new RolePrincipal("ssh"));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }
}
