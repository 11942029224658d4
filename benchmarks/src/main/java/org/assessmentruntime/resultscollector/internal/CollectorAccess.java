package org.assessmentruntime.resultscollector.internal;

import org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery;

/**
 * The benchmark's way into the results collector's package-private DS methods (binding delivery,
 * deactivating), which Declarative Services calls in the runtime. It works because this class sits in
 * the collector's package on a plain class path (no OSGi, no module system); acceptable for a benchmark
 * harness only, which must drive the real service the way DS does, not a copy of it. The unit tests of
 * the collector (DeliveryRouteTest) wire it the same way.
 */
public final class CollectorAccess {

    private CollectorAccess() {
    }

    /** As DS binds the optional delivery reference when a control plane is configured. */
    public static void bind(ResultsCollectorService collector, ResultsDelivery delivery) {
        collector.bindDelivery(delivery);
    }

    /** As DS deactivates the component: stops the sweeper and closes the store. */
    public static void deactivate(ResultsCollectorService collector) {
        collector.deactivate();
    }
}
