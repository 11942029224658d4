package org.assessmentruntime.resultscollector.internal.kafka;

import org.apache.camel.RoutesBuilder;

/**
 * Publishes a {@link RoutesBuilder} to the runtime's Camel context: as an OSGi service in the runtime
 * (the Camel bundle adds its routes), straight into a context in tests.
 */
@FunctionalInterface
interface RoutePublisher {

    /**
     * @return what withdraws the builder's routes again
     */
    Runnable publish(RoutesBuilder builder);
}
