package org.assessmentruntime.benchmarks;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component's configuration annotation ({@code @ObjectClassDefinition}) as DS would hand it over: every
 * attribute at its declared default except the ones given. A proxy rather than an implementation, so
 * that attributes added to the configuration later keep their defaults without breaking this harness.
 */
final class Configs {

    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            return switch (name) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> {
                    Object value = method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException(type.getSimpleName() + "." + name + " has no default");
                    }
                    yield value;
                }
            };
        });
        return type.cast(proxy);
    }
}
