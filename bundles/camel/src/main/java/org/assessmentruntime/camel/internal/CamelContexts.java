package org.assessmentruntime.camel.internal;

import org.apache.camel.impl.DefaultCamelContext;

/** Builds and starts the runtime's CamelContext. */
final class CamelContexts {

    private CamelContexts() {
    }

    /**
     * Creates, configures and starts a context that resolves everything through {@code loader}.
     *
     * <p>JMX management stays on (camel-management is embedded, so Camel enables it by itself): the
     * managed route objects are where the exchange counters of {@link RouteSnapshots} come from.
     */
    static DefaultCamelContext start(CamelRuntimeConfig config, ClassLoader loader) throws Exception {
        return ClassLoaders.withContextClassLoader(loader, () -> {
            // Not built yet: building fixes the thread name pattern, which must carry our name.
            DefaultCamelContext context = new DefaultCamelContext(false);
            context.getCamelContextExtension().setName(config.contextName());
            // Components, languages and type converters are found as resources of this loader.
            context.setApplicationContextClassLoader(loader);
            context.getShutdownStrategy().setTimeout(config.shutdownTimeoutSeconds());
            try {
                context.start();
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            return context;
        });
    }
}
