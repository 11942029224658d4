package org.assessmentruntime.scheduler.internal;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's exceptions into what an operator needs: the JSON path of the field at fault and a
 * one-line message without Jackson's source excerpts and package names.
 */
public final class JsonErrors {

    /** The model's messages start with the record and component at fault, e.g. {@code Task.title is required}. */
    private static final Pattern MODEL_FIELD = Pattern.compile("^([A-Z][A-Za-z]*)\\.([a-z][A-Za-z]*)\\b");

    private static final String MODEL_PACKAGE = "org.assessmentruntime.api.model.";

    /** Jackson's locations, {@code [Source: REDACTED (...); line: 1, column: 31]}: only the line and column help. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {
    }

    /**
     * The JSON path of the field an exception is about, e.g. {@code $.tasks[0].schedule.cron}.
     *
     * @param e an exception from reading or binding JSON
     * @return the path; {@code $} when no better one is known
     */
    public static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping.getPath());
            if (mapping instanceof ValueInstantiationException instantiation
                    && instantiation.getCause() instanceof IllegalArgumentException cause) {
                // The model rejected a record: its message names the component, which the path lacks.
                Matcher m = MODEL_FIELD.matcher(String.valueOf(cause.getMessage()));
                if (m.find() && m.group(1).equals(instantiation.getType().getRawClass().getSimpleName())) {
                    return path + "." + m.group(2);
                }
            }
            return path;
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            return path(parser.getParsingContext());
        }
        return "$";
    }

    /**
     * What is wrong with a document that is not JSON at all (or not one JSON value), in a line.
     *
     * @param e an exception from reading JSON into a tree
     * @return the message, with the line and column
     */
    public static String syntax(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")
                ? "there is more after the job's closing brace"
                : tidy(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        return at == null ? "is not valid JSON: " + message
                : "is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message;
    }

    /**
     * What is wrong with a JSON document that is not a valid job, in a line.
     *
     * @param e an exception from binding JSON to the model
     * @return the message
     */
    public static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; known fields: " + names(unknown.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return tidy(cause.getMessage());
        }
        if (e instanceof MismatchedInputException mismatch && !(e instanceof InvalidFormatException)
                && mismatch.getTargetType() != null && e.getProcessor() instanceof JsonParser parser
                && parser.currentToken() != null) {
            // Jackson's own words name Java types ("ArrayList<Task>", "JsonToken.VALUE_STRING"), not JSON ones.
            return "expected " + expected(mismatch.getTargetType()) + ", found " + found(parser.currentToken());
        }
        return tidy(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || java.time.temporal.TemporalAmount.class
                .isAssignableFrom(type) || java.time.ZoneId.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }

    private static String found(JsonToken token) {
        return switch (token) {
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                path.insert(0, "." + c.getCurrentName());
            }
        }
        return "$" + path;
    }

    private static String names(Collection<Object> names) {
        TreeSet<String> sorted = new TreeSet<>();
        names.forEach(n -> sorted.add(String.valueOf(n)));
        return sorted.toString();
    }

    private static String tidy(String message) {
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        line = SOURCE_LOCATION.matcher(line).replaceAll("line $1, column $2");
        return line.replace(MODEL_PACKAGE, "").replace('$', '.');
    }
}
