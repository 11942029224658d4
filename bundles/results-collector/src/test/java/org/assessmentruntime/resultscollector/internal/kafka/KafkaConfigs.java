package org.assessmentruntime.resultscollector.internal.kafka;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** {@link KafkaSinkConfig}s as ConfigAdmin would hand them over: the given values, defaults for the rest. */
final class KafkaConfigs {

    private KafkaConfigs() {
    }

    /** Keys and values alternating, e.g. {@code config("bootstrapServers", "h:9092", "topic", "t")}. */
    static KafkaSinkConfig config(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (KafkaSinkConfig) Proxy.newProxyInstance(KafkaSinkConfig.class.getClassLoader(),
                new Class<?>[] {KafkaSinkConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> KafkaSinkConfig.class;
                    case "toString" -> "KafkaSinkConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }
}
