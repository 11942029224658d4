package org.assessmentruntime.configuration.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.metatype.AttributeDefinition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an overlay's JSON value into the Java value a PID's metatype asks for ({@link AttributeDefinition}
 * type and cardinality), and checks it with the definition's own {@code validate} (options, min, max).
 * JSON types are not coerced: a string where a number belongs is a mistake on the control plane's side
 * and is reported, not guessed at.
 */
final class SettingValues {

    private SettingValues() {
    }

    /**
     * The typed value.
     *
     * @throws IllegalArgumentException saying what is wrong (without the value of a password)
     */
    static Object convert(AttributeDefinition definition, JsonNode value) {
        int cardinality = definition.getCardinality();
        if (cardinality == 0) {
            if (value.isArray()) {
                throw new IllegalArgumentException("takes one value (" + typeName(definition.getType()) + "), not an array");
            }
            Object scalar = scalar(definition.getType(), value, show(definition, value));
            check(definition, scalar);
            return scalar;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("takes an array, each value " + typeName(definition.getType()));
        }
        if (value.size() > Math.abs(cardinality)) {
            throw new IllegalArgumentException("takes at most " + Math.abs(cardinality) + " values, got " + value.size());
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode element : value) {
            Object scalar = scalar(definition.getType(), element, show(definition, element));
            check(definition, scalar);
            values.add(scalar);
        }
        // Positive cardinality: an array of the type; negative: a collection (OSGi Compendium 105.3).
        if (cardinality < 0) {
            return values;
        }
        Object array = java.lang.reflect.Array.newInstance(javaType(definition.getType()), values.size());
        for (int i = 0; i < values.size(); i++) {
            java.lang.reflect.Array.set(array, i, values.get(i));
        }
        return array;
    }

    private static Object scalar(int type, JsonNode v, String shown) {
        String expected = typeName(type);
        switch (type) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> {
                if (v.isTextual()) {
                    return v.textValue();
                }
            }
            case AttributeDefinition.BOOLEAN -> {
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
            }
            case AttributeDefinition.LONG -> {
                if (v.isIntegralNumber() && v.canConvertToLong()) {
                    return v.longValue();
                }
            }
            case AttributeDefinition.INTEGER -> {
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    return v.intValue();
                }
            }
            case AttributeDefinition.SHORT -> {
                if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == (short) v.intValue()) {
                    return (short) v.intValue();
                }
            }
            case AttributeDefinition.BYTE -> {
                if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == (byte) v.intValue()) {
                    return (byte) v.intValue();
                }
            }
            case AttributeDefinition.DOUBLE -> {
                if (v.isNumber()) {
                    return v.doubleValue();
                }
            }
            case AttributeDefinition.FLOAT -> {
                if (v.isNumber()) {
                    return v.floatValue();
                }
            }
            case AttributeDefinition.CHARACTER -> {
                if (v.isTextual() && v.textValue().length() == 1) {
                    return v.textValue().charAt(0);
                }
            }
            default -> throw new IllegalArgumentException("has metatype type " + type + ", which is not remotely settable");
        }
        throw new IllegalArgumentException(shown + " is not " + expected);
    }

    private static void check(AttributeDefinition definition, Object value) {
        // Multi-valued definitions take a comma-separated list in validate(), so commas are escaped.
        String text = String.valueOf(value);
        String problem = definition.validate(definition.getCardinality() == 0 ? text : text.replace(",", "\\,"));
        if (problem != null && !problem.isEmpty()) {
            throw new IllegalArgumentException(show(definition, value) + " is not valid: " + problem);
        }
    }

    private static String show(AttributeDefinition definition, Object value) {
        if (definition.getType() == AttributeDefinition.PASSWORD) {
            return "the value";
        }
        return value instanceof JsonNode node ? node.toString() : "'" + value + "'";
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> "a boolean";
            case AttributeDefinition.LONG, AttributeDefinition.INTEGER, AttributeDefinition.SHORT,
                    AttributeDefinition.BYTE -> "an integer in range";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.CHARACTER -> "a single character";
            default -> "a string";
        };
    }
}
