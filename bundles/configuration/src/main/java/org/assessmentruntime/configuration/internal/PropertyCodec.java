package org.assessmentruntime.configuration.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stores a ConfigAdmin property value as JSON with its Java type, so that a local value given back when
 * the control plane lets go of a key is exactly what it was (a {@code String "30"} stays a string, and
 * FileInstall writes the {@code .cfg} line back as it was), and reads it back. A key that had no local
 * value is {@code {"absent": true}}.
 */
final class PropertyCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(Map.entry("String", String.class),
            Map.entry("Integer", Integer.class), Map.entry("Long", Long.class), Map.entry("Short", Short.class),
            Map.entry("Byte", Byte.class), Map.entry("Double", Double.class), Map.entry("Float", Float.class),
            Map.entry("Boolean", Boolean.class), Map.entry("Character", Character.class),
            Map.entry("int", int.class), Map.entry("long", long.class), Map.entry("short", short.class),
            Map.entry("byte", byte.class), Map.entry("double", double.class), Map.entry("float", float.class),
            Map.entry("boolean", boolean.class), Map.entry("char", char.class));

    private PropertyCodec() {
    }

    /** Encodes a property value; {@code null} is an absent key. */
    static JsonNode encode(Object value) {
        ObjectNode node = NODES.objectNode();
        if (value == null) {
            return node.put("absent", true);
        }
        if (value.getClass().isArray()) {
            ArrayNode values = node.put("type", value.getClass().getComponentType().getSimpleName() + "[]")
                    .putArray("value");
            for (int i = 0; i < Array.getLength(value); i++) {
                values.add(scalar(Array.get(value, i)));
            }
            return node;
        }
        if (value instanceof Collection<?> collection) {
            String element = collection.isEmpty() ? "String" : collection.iterator().next().getClass().getSimpleName();
            ArrayNode values = node.put("type", "List<" + element + ">").putArray("value");
            collection.forEach(v -> values.add(scalar(v)));
            return node;
        }
        node.put("type", value.getClass().getSimpleName());
        node.set("value", scalar(value));
        return node;
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @return the value, {@code null} for an absent key
     * @throws IllegalArgumentException if the node is not such an encoding
     */
    static Object decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a stored property value must be an object, found " + node);
        }
        if (node.path("absent").asBoolean(false)) {
            return null;
        }
        String type = node.path("type").asText("");
        JsonNode value = node.get("value");
        if (value == null) {
            throw new IllegalArgumentException("stored property value without 'value': " + node);
        }
        if (type.endsWith("[]")) {
            Class<?> element = type(type.substring(0, type.length() - 2));
            Object array = Array.newInstance(element, value.size());
            for (int i = 0; i < value.size(); i++) {
                Array.set(array, i, scalar(element, value.get(i)));
            }
            return array;
        }
        if (type.startsWith("List<") && type.endsWith(">")) {
            Class<?> element = type(type.substring(5, type.length() - 1));
            List<Object> list = new ArrayList<>();
            value.forEach(v -> list.add(scalar(element, v)));
            return list;
        }
        return scalar(type(type), value);
    }

    private static Class<?> type(String name) {
        Class<?> type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unsupported stored property type '" + name + "'");
        }
        return type;
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static Object scalar(Class<?> type, JsonNode v) {
        if (type == String.class) {
            return v.asText();
        }
        if (type == Integer.class || type == int.class) {
            return v.intValue();
        }
        if (type == Long.class || type == long.class) {
            return v.longValue();
        }
        if (type == Short.class || type == short.class) {
            return (short) v.intValue();
        }
        if (type == Byte.class || type == byte.class) {
            return (byte) v.intValue();
        }
        if (type == Double.class || type == double.class) {
            return v.doubleValue();
        }
        if (type == Float.class || type == float.class) {
            return v.floatValue();
        }
        if (type == Boolean.class || type == boolean.class) {
            return v.booleanValue();
        }
        return v.asText().isEmpty() ? '\0' : v.asText().charAt(0);
    }
}
