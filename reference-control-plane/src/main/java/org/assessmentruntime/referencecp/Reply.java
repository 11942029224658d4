package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, extra headers and body bytes (empty = no body). */
record Reply(int status, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json";

    static Reply empty(int status) {
        return new Reply(status, Map.of(), new byte[0]);
    }

    /** {@code {"data": value}}. */
    static Reply data(int status, Object value) {
        ObjectNode wrapper = Json.MAPPER.createObjectNode();
        wrapper.set("data", Json.MAPPER.valueToTree(value));
        return json(status, wrapper);
    }

    /** {@code {"errors": {"body": message}}}. */
    static Reply error(int status, String message) {
        return errors(status, Map.of("body", message));
    }

    /** {@code {"errors": {field: message, ...}}}. */
    static Reply errors(int status, Map<String, String> errors) {
        ObjectNode wrapper = Json.MAPPER.createObjectNode();
        wrapper.set("errors", Json.MAPPER.valueToTree(errors));
        return json(status, wrapper);
    }

    static Reply json(int status, Object body) {
        try {
            return new Reply(status, Map.of("Content-Type", JSON), Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply raw(int status, String contentType, String body) {
        return new Reply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, all, body);
    }
}
