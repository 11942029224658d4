package org.assessmentruntime.authentication.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;

/**
 * The benchmark's way to the real control-plane link: the authentication bundle's component, whose
 * shared route ({@code direct:assessment-control-plane}: token, TLS, kept-alive connections, bounds) the
 * delivery benchmark sends through, as in the runtime. It sits in the component's package on a plain
 * class path to reach the constructor DS does not use (no BundleContext; routes added to the given
 * context as the runtime's Camel whiteboard adds them); acceptable for a benchmark harness only, which
 * must measure the real route, not a copy of it. The component's unit tests wire it the same way.
 */
public final class LinkAccess {

    private LinkAccess() {
    }

    /**
     * Starts the link with this configuration (keys of {@code etc/org.assessmentruntime.controlplane.cfg})
     * and adds its routes to {@code camel}.
     *
     * @return stops it
     */
    public static AutoCloseable connect(CamelContext camel, ControlPlaneConfig config) {
        Publisher publisher = (ControlPlaneConnection connection, List<RoutesBuilder> routes) -> {
            try {
                for (RoutesBuilder route : routes) {
                    camel.addRoutes(route);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return () -> { };
        };
        ControlPlaneComponent component = new ControlPlaneComponent(config, name -> null, publisher,
                Duration.ofSeconds(1), Clock.systemUTC());
        return component::deactivate;
    }
}
