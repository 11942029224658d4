package org.assessmentruntime.configuration.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assessmentruntime.api.model.JobDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Checks that a remote job is a valid {@link JobDefinition}, with the model's Jackson mapping read as
 * strictly as the scheduler reads job files (same ObjectMapper features, see {@link Json#strict}), so a
 * job accepted here is accepted by the scheduler when it reads the file. A failure names the JSON path
 * of the field at fault, as the scheduler's job-file errors do.
 */
final class JobParser {

    /** The model's messages start with the record and component at fault, e.g. {@code Task.title is required}. */
    private static final Pattern MODEL_FIELD = Pattern.compile("^([A-Z][A-Za-z]*)\\.([a-z][A-Za-z]*)\\b");

    private JobParser() {
    }

    /**
     * Parses a job.
     *
     * @throws IllegalArgumentException {@code <json path>: <what is wrong>}
     */
    static JobDefinition parse(JsonNode job) {
        try {
            return Json.MAPPER.treeToValue(job, JobDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field(e) + ": " + message(e), e);
        }
    }

    private static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "$";
        }
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (mapping instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof IllegalArgumentException cause) {
            // The model rejected a record: its message names the component, which the path lacks.
            Matcher m = MODEL_FIELD.matcher(String.valueOf(cause.getMessage()));
            if (m.find() && m.group(1).equals(instantiation.getType().getRawClass().getSimpleName())) {
                path.append('.').append(m.group(2));
            }
        }
        return path.toString();
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown field '" + unknown.getPropertyName() + "'; known fields: " + known;
        }
        String message = e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause
                ? cause.getMessage() : e.getOriginalMessage();
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        return line.replace("org.assessmentruntime.api.model.", "").replace('$', '.');
    }
}
