package org.assessmentruntime.authentication.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the connection and the route builders as OSGi services.
 *
 * <p>Through the BundleContext rather than as DS components: they must exist only while a URL is
 * configured, and the URL may come from an environment variable with no configuration at all, so
 * neither a required configuration nor a component property can decide it. Registration is synchronous:
 * when {@link #publish} returns, the Camel whiteboard has been told; when the returned withdrawal
 * returns, the old routes are gone, so re-publishing with the same route ids cannot clash.
 */
final class ServicePublisher implements Publisher {

    private final BundleContext context;

    ServicePublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public Runnable publish(ControlPlaneConnection connection, List<RoutesBuilder> routes) {
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        for (RoutesBuilder route : routes) {
            registrations.add(context.registerService(RoutesBuilder.class, route,
                    properties("assessment.routes", route.getClass().getSimpleName())));
        }
        registrations.add(context.registerService(ControlPlaneConnection.class, connection,
                properties("controlplane.url", connection.baseUrl().toString())));
        return () -> {
            List<ServiceRegistration<?>> reversed = new ArrayList<>(registrations);
            Collections.reverse(reversed);
            for (ServiceRegistration<?> registration : reversed) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping: the framework unregistered it already
                }
            }
        };
    }

    private static Dictionary<String, Object> properties(String key, String value) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }
}
