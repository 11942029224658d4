package org.assessmentruntime.pluginstore.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deep immutable copies of plain JSON values (maps with string keys, lists, strings, numbers, booleans,
 * null): a copy that nobody can change afterwards, so that it can stand for what was checked.
 */
final class FrozenJson {

    private FrozenJson() {
    }

    /** The copy, or empty if the value holds anything but plain JSON values. */
    static Optional<Map<String, Object>> copy(Map<String, Object> object) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = (Map<String, Object>) frozen(object);
            return Optional.of(copy);
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    private static Object frozen(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigInteger
                || value instanceof BigDecimal || value instanceof Short || value instanceof Byte
                || value instanceof Float) {
            return value; // immutable
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("not a JSON object key: " + k);
                }
                copy.put(key, frozen(v));
            });
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
