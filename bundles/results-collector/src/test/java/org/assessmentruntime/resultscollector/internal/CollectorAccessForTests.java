package org.assessmentruntime.resultscollector.internal;

import java.nio.file.Path;
import java.time.Clock;

/** The collector's package-private constructor and deactivation, for tests of the delivery package. */
public final class CollectorAccessForTests {

    private CollectorAccessForTests() {
    }

    /** A collector keeping its store in {@code directory}, with the default settings. */
    public static ResultsCollectorService collector(Path directory) {
        return new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 30, 512, 10_000),
                Clock.systemUTC(), null);
    }

    /** As DS binds the delivery component. */
    public static void bindDelivery(ResultsCollectorService collector, DeliveryMonitor monitor) {
        collector.bindDelivery(monitor);
    }

    /** As DS binds the Kafka sink's component. */
    public static void bindKafka(ResultsCollectorService collector, SinkMonitor monitor) {
        collector.bindKafka(monitor);
    }

    /** As DS deactivates it: closes the store. */
    public static void deactivate(ResultsCollectorService collector) {
        collector.deactivate();
    }
}
