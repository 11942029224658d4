package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON in and out of the CLI: configuration and target files in, results out. */
final class CliJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CliJson() {
    }

    /**
     * Reads a file strictly.
     *
     * @param file the file
     * @param type what it must hold
     * @param what that, in words, for the message
     * @return the value
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException                       if it cannot be read
     * @throws Invalid                           if it is not what it must be, saying where
     */
    static <T> T read(Path file, TypeReference<T> type, String what) throws IOException, Invalid {
        byte[] bytes = Files.readAllBytes(file);
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new Invalid(file + ": must be " + what + ", not null");
            }
            return value;
        } catch (JsonMappingException e) {
            String message = e instanceof ValueInstantiationException && e.getCause() != null
                    ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new Invalid(file + ": must be " + what + ": " + firstLine(message)
                    + (e.getPath().isEmpty() ? "" : " (at " + path(e) + ")"));
        } catch (JsonProcessingException e) {
            throw new Invalid(file + ": not valid JSON: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** Indented JSON. */
    static String pretty(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A file that is not the JSON it must be. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }
}
