package org.assessmentruntime.resultscollector.internal.kafka;

import org.apache.camel.builder.RouteBuilder;

/**
 * Route {@value #ROUTE_ID}: a publishing round every {@code intervalMillis}, the first at once, so that
 * results stored while the sink was off or Kafka was down go out (see {@link KafkaSender}).
 */
final class KafkaSinkRoute extends RouteBuilder {

    /** The route's id. */
    static final String ROUTE_ID = "assessment-results-kafka";

    private final KafkaSender sender;
    private final KafkaSinkSettings settings;

    KafkaSinkRoute(KafkaSender sender, KafkaSinkSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?delay=0&period=" + settings.interval().toMillis())
                .routeId(ROUTE_ID)
                .process(exchange -> sender.round(exchange.getContext()));
    }
}
