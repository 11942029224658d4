package org.assessmentruntime.authentication.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.Function;

import org.assessmentruntime.api.AccessToken;
import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.AuthenticationException;
import org.assessmentruntime.api.AuthenticationStatus;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthIndicator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's connection to the control plane ({@value ControlPlaneConnection#PID}, overridden by
 * environment variables: see {@link Settings}).
 *
 * <p>Always provides {@link Authentication} (standalone: no token) and the component's health. While a
 * URL is configured it also publishes the {@link ControlPlaneConnection} and the routes
 * {@value ControlPlaneConnection#ROUTE_ID} and {@value TokenRoute#ROUTE_ID}; a changed configuration
 * withdraws them and publishes them anew, and an invalid one withdraws them and reports DOWN.
 *
 * <p>All its services are registered through the BundleContext, none by DS: DS copies a component's
 * configuration into the properties of the services it provides, where anyone (service:list) would
 * read the client secret and key store password.
 */
@Component(service = {}, configurationPid = ControlPlaneConnection.PID)
@Designate(ocd = ControlPlaneConfig.class)
public class ControlPlaneComponent implements Authentication, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneComponent.class);

    /** How often, at most, the TLS files are checked for changes. */
    static final Duration TLS_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Function<String, String> env;
    private final Publisher publisher;
    private final Duration tlsCheckInterval;
    private final Clock clock;
    private volatile ConnectionState state;
    private ServiceRegistration<?> registration;

    /** Activated by DS; environment variables from the process. */
    @Activate
    public ControlPlaneComponent(BundleContext context, ControlPlaneConfig config) {
        this(config, System::getenv, new ServicePublisher(context), TLS_CHECK_INTERVAL, Clock.systemUTC());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ComponentId.SERVICE_PROPERTY, ComponentId.AUTHENTICATION.id());
        registration = context.registerService(
                new String[] {Authentication.class.getName(), HealthIndicator.class.getName()}, this, properties);
    }

    ControlPlaneComponent(ControlPlaneConfig config, Function<String, String> env, Publisher publisher,
            Duration tlsCheckInterval, Clock clock) {
        this.env = env;
        this.publisher = publisher;
        this.tlsCheckInterval = tlsCheckInterval;
        this.clock = clock;
        apply(config);
    }

    @Modified
    void modified(ControlPlaneConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it already
            }
            registration = null;
        }
        ConnectionState old = state;
        if (old != null) {
            old.close();
        }
    }

    private synchronized void apply(ControlPlaneConfig config) {
        ConnectionState old = state;
        Settings settings;
        try {
            settings = Settings.resolve(config, env);
        } catch (InvalidSettingsException e) {
            replace(old, ConnectionState.invalid(null, e.getMessage()));
            LOG.error("Invalid control plane configuration, not connecting: {}", e.getMessage());
            return;
        }
        if (old != null && old.invalid() == null && settings.equals(old.settings())) {
            return;
        }
        settings.warnings().forEach(LOG::warn);
        if (old != null) {
            old.close();
        }
        if (!settings.connected()) {
            state = ConnectionState.standalone(settings);
            LOG.info("No control plane configured: running standalone");
            return;
        }
        if (settings.url().orElseThrow().getScheme().equals("http") && settings.hasClientCertificate()) {
            LOG.warn("clientCertificate/clientKeystore: ignored, the control plane URL is plain http");
        }
        try {
            state = ConnectionState.connect(settings, publisher, tlsCheckInterval, clock);
            LOG.info("Connecting to the control plane at {}", settings.url().orElseThrow());
        } catch (InvalidSettingsException e) {
            state = ConnectionState.invalid(settings, e.getMessage());
            LOG.error("Invalid control plane configuration, not connecting: {}", e.getMessage());
        }
    }

    private void replace(ConnectionState old, ConnectionState next) {
        if (old != null) {
            old.close();
        }
        state = next;
    }

    @Override
    public Optional<AccessToken> token() throws AuthenticationException {
        ConnectionState current = state;
        if (current.invalid() != null) {
            throw new AuthenticationException("invalid control plane configuration: " + current.invalid(), false,
                    null);
        }
        return current.tokens().token();
    }

    @Override
    public void invalidate(AccessToken refused) {
        state.tokens().invalidate(refused);
    }

    @Override
    public AuthenticationStatus status() {
        ConnectionState current = state;
        if (current.invalid() != null) {
            return new AuthenticationStatus(false, "", null, "invalid control plane configuration: "
                    + current.invalid());
        }
        return current.tokens().status();
    }

    @Override
    public ComponentHealth health() {
        return AuthenticationHealth.of(state);
    }

    @Override
    public String toString() {
        ConnectionState current = state;
        return "ControlPlaneComponent[" + (current == null ? "inactive" : current.settings()) + "]";
    }
}
