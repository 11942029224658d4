package org.assessmentruntime.camel.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.camel.CamelContext;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.RouteInventory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the context, the route inventory and the health indicator through the BundleContext.
 *
 * <p>Not as DS services of {@link CamelRuntime}, on purpose: a route bundle's builder may depend,
 * directly or through the status service, on these services, while CamelRuntime depends on every
 * builder. As DS services that is a component cycle, which SCR reports as errors and untangles only
 * by retrying; plain registrations break it.
 */
final class ServicePublisher {

    /** Service property carrying the context's name on the {@link CamelContext} service. */
    static final String CONTEXT_NAME_PROPERTY = "camel.context.name";

    private ServicePublisher() {
    }

    /** Registers both services; returns how to unregister them. */
    static Runnable register(BundleContext bundleContext, CamelContext context, CamelStatus status) {
        Dictionary<String, Object> contextProperties = new Hashtable<>();
        contextProperties.put(CONTEXT_NAME_PROPERTY, context.getName());
        Dictionary<String, Object> statusProperties = new Hashtable<>();
        statusProperties.put(ComponentId.SERVICE_PROPERTY, ComponentId.CAMEL.id());

        ServiceRegistration<CamelContext> contextRegistration =
                bundleContext.registerService(CamelContext.class, context, contextProperties);
        ServiceRegistration<?> statusRegistration = bundleContext.registerService(
                new String[] {RouteInventory.class.getName(), HealthIndicator.class.getName()}, status,
                statusProperties);
        return () -> {
            unregister(statusRegistration);
            unregister(contextRegistration);
        };
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework withdrew it first (bundle stopping): nothing left to do.
        }
    }
}
