package org.assessmentruntime.configuration.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The control plane's error body ({@code {"errors": {"body": "..."}}}) in a few words, for a reason. */
final class ControlPlaneErrors {

    private static final int MAX = 200;

    private ControlPlaneErrors() {
    }

    /** {@code ": <messages>"}, or empty when the body says nothing readable. */
    static String describe(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode errors = Json.MAPPER.readTree(body).path("errors");
            List<String> messages = new ArrayList<>();
            errors.fields().forEachRemaining(e -> messages.add(
                    ("body".equals(e.getKey()) ? "" : e.getKey() + ": ") + e.getValue().asText()));
            String text = String.join("; ", messages);
            return text.isEmpty() ? "" : ": " + (text.length() > MAX ? text.substring(0, MAX) + "..." : text);
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
