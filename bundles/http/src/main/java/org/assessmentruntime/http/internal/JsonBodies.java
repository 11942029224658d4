package org.assessmentruntime.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes response bodies as JSON, the same way {@code assessment:* --json} does (ISO-8601 times, record
 * components as properties), and errors as {@code {"error": ..., "parameter": ...}}.
 */
final class JsonBodies {

    static final String CONTENT_TYPE = "application/json";

    // One for the bundle, however many servlets hold a JsonBodies: configured here once, then only used,
    // which ObjectMapper allows from any number of threads.
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Writes {@code body} with {@code status}. */
    void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        // Live figures: a cache between the runtime and its reader would show stale ones.
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    /** Writes an error: {@code {"status": 400, "error": "..."}}. */
    void error(HttpServletResponse response, int status, String message) throws IOException {
        error(response, status, message, null);
    }

    /** Writes an error about one request parameter, naming it. */
    void error(HttpServletResponse response, int status, String message, String parameter) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        write(response, status, body);
    }

    /** The mapper, for tests that read bodies back. */
    ObjectMapper mapper() {
        return MAPPER;
    }
}
