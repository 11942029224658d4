package org.assessmentruntime.resultscollector.internal.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.assessmentruntime.resultscollector.internal.SinkOutbox;

/**
 * The benchmark's way to the Kafka sink's package-private constructor and deactivation, which Declarative
 * Services calls in the runtime (as {@code CollectorAccess} does for the collector): the sink's routes go
 * straight into the benchmark's Camel context, as the Camel bundle would add them.
 */
public final class KafkaSinkAccess {

    private KafkaSinkAccess() {
    }

    /** A sink configured with {@code values} (keys of {@link KafkaSinkConfig}), its routes in {@code camel}. */
    public static KafkaSink start(SinkOutbox outbox, CamelContext camel, Map<String, Object> values) {
        KafkaSinkConfig config = (KafkaSinkConfig) java.lang.reflect.Proxy.newProxyInstance(
                KafkaSinkConfig.class.getClassLoader(), new Class<?>[] {KafkaSinkConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> KafkaSinkConfig.class;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    case "toString" -> values.toString();
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
        return new KafkaSink(outbox, builder -> {
            List<String> before = ids(camel);
            try {
                camel.addRoutes(builder);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            List<String> added = ids(camel);
            added.removeAll(before);
            return () -> added.forEach(id -> {
                try {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }, config, Clock.systemUTC());
    }

    /** As DS deactivates it: removes its routes. */
    public static void stop(KafkaSink sink) {
        sink.deactivate();
    }

    private static List<String> ids(CamelContext camel) {
        List<String> ids = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }
}
