package org.assessmentruntime.camel.internal;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one CamelContext.
 *
 * <p>Other bundles contribute routes by registering {@link RoutesBuilder} services (whiteboard); this
 * component adds them to the running context and removes them when the service goes away. While the
 * context runs it is registered as a {@link CamelContext} service, next to the runtime's
 * {@code RouteInventory} and the Camel {@code HealthIndicator} (see {@link ServicePublisher}).
 */
@Component(service = {}, immediate = true, configurationPid = CamelRuntime.PID)
@Designate(ocd = CamelRuntimeConfig.class)
public final class CamelRuntime {

    /** Configuration PID. */
    public static final String PID = "org.assessmentruntime.camel";

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    /** Makes the started context and its status available to others; returns how to withdraw them. */
    @FunctionalInterface
    interface Publisher {
        /** Publishes {@code context} and {@code status}. */
        Runnable publish(CamelContext context, CamelStatus status);
    }

    private final DefaultCamelContext context;
    private final ClassLoader loader;
    private final RoutesBuilderTracker builders;
    private final CamelStatus status;
    private final Runnable unpublish;

    /**
     * Starts the context with this bundle's class loader and registers the services. Route builders
     * are bound afterwards, so routes are only ever added to a started context.
     */
    @Activate
    public CamelRuntime(BundleContext bundleContext, CamelRuntimeConfig config) throws Exception {
        this(config, CamelRuntime.class.getClassLoader(),
                (context, status) -> ServicePublisher.register(bundleContext, context, status));
    }

    /** Seam for tests: any class loader, any way of publishing. */
    CamelRuntime(CamelRuntimeConfig config, ClassLoader loader, Publisher publisher) throws Exception {
        this.loader = loader;
        this.context = CamelContexts.start(config, loader);
        this.builders = new RoutesBuilderTracker(context, loader);
        this.status = new CamelStatus(context);
        try {
            this.unpublish = publisher.publish(context, status);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        LOG.info("Camel context {} started (Camel {})", context.getName(), context.getVersion());
    }

    /** Adds the routes of a newly registered builder. */
    @Reference(service = RoutesBuilder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeRoutesBuilder")
    void addRoutesBuilder(RoutesBuilder builder) {
        builders.add(builder);
    }

    /** Removes the routes a departing builder added. */
    void removeRoutesBuilder(RoutesBuilder builder) {
        builders.remove(builder);
    }

    /** Withdraws the services and stops the context, which stops every route gracefully. */
    @Deactivate
    void deactivate() throws Exception {
        unpublish.run();
        builders.close();
        ClassLoaders.withContextClassLoader(loader, () -> {
            context.close();
            return null;
        });
        LOG.info("Camel context {} stopped", context.getName());
    }

    /** The running context; for tests. */
    CamelContext context() {
        return context;
    }

    /** The routes and health this runtime publishes; for tests. */
    CamelStatus status() {
        return status;
    }
}
