package org.assessmentruntime.resultscollector.internal.kafka;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaEndpoint;

/**
 * Route {@value #ROUTE_ID}: a batch of results (see {@link KafkaSender}) to the Kafka producer endpoint
 * built from the sink's configuration. The endpoint's secrets are set on its configuration object, never
 * written into its URI, so that route lists and Camel's logs cannot show them.
 *
 * <p>Class loading: kafka-clients (embedded in the Camel bundle) creates serializers and SASL login
 * modules by class name through the thread context class loader; camel-kafka's producer sets that to
 * kafka-clients' own loader (the Camel bundle's, which sees them all) while it creates the producer.
 */
final class KafkaSendRoute extends RouteBuilder {

    /** The route's id. */
    static final String ROUTE_ID = "assessment-results-kafka-send";

    /** Where {@link KafkaSender} sends batches. */
    static final String URI = "direct:" + ROUTE_ID;

    private final KafkaSinkSettings settings;

    KafkaSendRoute(KafkaSinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        KafkaEndpoint endpoint = getContext().getEndpoint(settings.endpointUri(), KafkaEndpoint.class);
        settings.applySecrets(endpoint.getConfiguration());
        // A failed batch is the sender's to report (a WARN and the collector's status, then a back-off and a
        // resend): Camel's error handler would log each one as an ERROR with the exchange besides.
        onException(Exception.class).logExhausted(false).logStackTrace(false);
        from(URI).routeId(ROUTE_ID).to(endpoint);
    }
}
