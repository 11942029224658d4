package org.assessmentruntime.resultscollector.internal.delivery;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Route {@value #ROUTE_ID}: a delivery round every {@code deliveryIntervalMillis}, the first at once, so
 * that results pending at start-up (or left by an outage) go out.
 */
@Component(enabled = false, service = RoutesBuilder.class)
public class DeliveryRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "assessment-results-delivery";

    private final ResultsDelivery delivery;

    /** DS constructor. */
    @Activate
    public DeliveryRoute(@Reference ResultsDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?delay=0&period=" + delivery.settings().interval().toMillis())
                .routeId(ROUTE_ID)
                .process(exchange -> delivery.round(exchange.getContext()));
    }
}
