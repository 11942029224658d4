package org.assessmentruntime.pluginstore;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of Plugin ABI v1: the records of the API model, camelCase, {@code Instant} and
 * {@code Duration} as ISO-8601 strings, read strictly (see {@code plugins/ABI.md}): unknown fields,
 * duplicate keys, trailing content, numbers for enums and any coercion of a scalar into another type
 * (e.g. {@code 1} where a string is expected) are errors. A missing number is 0, which the records
 * treat as absent (limits take their defaults, {@code abiVersion} is reported as required).
 */
public final class AbiJson {

    /** Strict reader and ISO writer of the ABI's documents. Thread-safe. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private AbiJson() {
    }

    /**
     * Reads a document strictly.
     *
     * @param json the UTF-8 bytes
     * @param type the record to read
     * @param <T>  its type
     * @return the record
     * @throws IllegalArgumentException with {@link #describe(IOException)}'s message
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /**
     * Writes a record as compact JSON.
     *
     * @param value the record
     * @return its UTF-8 bytes
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * A one-line description of why a document did not read: where (a JSON path such as
     * {@code $.findings[0].state}, or line and column for a syntax error) and what (the record's own
     * validation message where there is one, e.g. {@code Finding.description is required}).
     *
     * @param e the failure
     * @return the description
     */
    public static String describe(IOException e) {
        if (e instanceof JsonParseException p) {
            return "not valid JSON: " + firstLine(p.getOriginalMessage()) + location(p);
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m.getPath());
            String what;
            if (m instanceof UnrecognizedPropertyException u) {
                what = "unknown field '" + u.getPropertyName() + "'";
                // The path ends with the unknown field itself.
                path = path(m.getPath().subList(0, m.getPath().size() - 1));
            } else if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("Trailing token")) {
                return "trailing content after the JSON document" + location(m)
                        + "; only whitespace may follow it";
            } else if (m instanceof ValueInstantiationException && m.getCause() != null
                    && m.getCause().getMessage() != null) {
                what = m.getCause().getMessage();
            } else {
                what = firstLine(m.getOriginalMessage());
            }
            if (m.getPath().isEmpty() && m.getLocation() != null && what.startsWith("No content")) {
                return "empty document";
            }
            return "at " + path + ": " + what;
        }
        if (e instanceof JsonProcessingException j) {
            return firstLine(j.getOriginalMessage()) + location(j);
        }
        return String.valueOf(e.getMessage());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
