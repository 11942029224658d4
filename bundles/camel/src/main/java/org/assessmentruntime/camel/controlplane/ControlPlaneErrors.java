package org.assessmentruntime.camel.controlplane;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The control plane's error envelope, {@code {"errors": {"<field>": "<message>", ...}}}, read once for
 * every bundle that reports a refused request: the messages in a line, for an operator.
 *
 * <p>Thread-safe.
 */
public final class ControlPlaneErrors {

    /** Read-only trees of small replies; thread-safe once built. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlPlaneErrors() {
    }

    /**
     * The envelope's messages, {@code <field>: <message>} joined by {@code "; "}; a message about the
     * request as a whole (field {@code body}) has no field in front. A message that is not text is given
     * as its JSON.
     *
     * @param body the reply's body; may be {@code null}
     * @return the messages; empty when the body is not an error envelope (no body, not JSON, a proxy's
     *         page, no or an empty {@code errors} object)
     */
    public static Optional<String> messages(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
        List<String> messages = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : errors.properties()) {
            JsonNode value = field.getValue();
            messages.add(("body".equals(field.getKey()) ? "" : field.getKey() + ": ")
                    + (value.isTextual() ? value.asText() : value.toString()));
        }
        return messages.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", messages));
    }

    /**
     * The envelope's {@link #messages} as the end of a reason, {@code ": <messages>"}, cut at a length: the
     * text comes from the server, and an error page must not flood a status line.
     *
     * @param body the reply's body; may be {@code null}
     * @param max  the most characters of messages kept
     * @return {@code ": <messages>"}, or empty when the body is not an error envelope
     */
    public static String suffix(byte[] body, int max) {
        return messages(body).map(text -> ": " + (text.length() > max ? text.substring(0, max) + "…" : text))
                .orElse("");
    }
}
