package org.assessmentruntime.resultscollector.internal.delivery;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Route {@value #ROUTE_ID}: a delivery round as soon as a result is stored, rather than at the next
 * tick of {@link DeliveryRoute}. The queue holds one wake-up and drops the others (they would find
 * nothing the queued round does not), so storing never waits for delivery.
 */
@Component(enabled = false, service = RoutesBuilder.class)
public class DeliveryWakeRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "assessment-results-delivery-wake";

    /**
     * Where wake-ups are sent; the same text for the consumer and the producers, so one endpoint. A short
     * poll timeout lets the route stop within a fraction of a second.
     */
    static final String URI = "seda:" + ROUTE_ID + "?size=1&discardWhenFull=true&pollTimeout=200";

    private final ResultsDelivery delivery;

    /** DS constructor. */
    @Activate
    public DeliveryWakeRoute(@Reference ResultsDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        from(URI).routeId(ROUTE_ID).process(exchange -> delivery.round(exchange.getContext()));
    }
}
