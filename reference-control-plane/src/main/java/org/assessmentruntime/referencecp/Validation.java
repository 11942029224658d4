package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks of heartbeats and evidence, as strict as the real server's: errors are collected one key per field
 * ({@code prefix + field}), so a client bug shows up named.
 */
final class Validation {

    /** How far ahead of the server's clock a timestamp may be before it counts as "in the future". */
    static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(5);

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Clock clock;

    Validation(Clock clock) {
        this.clock = clock;
    }

    void heartbeat(JsonNode body, Map<String, String> errors) {
        if (!body.isObject()) {
            errors.put("body", "must be a JSON object");
            return;
        }
        uuid(body, "uuid", "", errors);
        timestamp(body, "created_at", "", false, errors);
    }

    void evidence(JsonNode item, String prefix, Map<String, String> errors) {
        if (!item.isObject()) {
            errors.put(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object");
            return;
        }
        uuid(item, "uuid", prefix, errors);
        JsonNode title = item.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank()) {
            errors.put(prefix + "title", "required");
        }
        timestamp(item, "start", prefix, true, errors);
        timestamp(item, "end", prefix, true, errors);
        if (item.hasNonNull("expires")) {
            timestamp(item, "expires", prefix, false, errors);
        }
        JsonNode state = item.path("status").path("state");
        if (!state.isTextual()) {
            errors.put(prefix + "status.state", "required");
        } else if (!state.asText().equals("satisfied") && !state.asText().equals("not-satisfied")) {
            errors.put(prefix + "status.state", "must be satisfied or not-satisfied, got " + state.asText());
        }
        JsonNode labels = item.get("labels");
        if (labels != null && !labels.isNull()) {
            if (!labels.isObject()) {
                errors.put(prefix + "labels", "must be an object of strings");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> label = it.next();
                    if (!label.getValue().isTextual()) {
                        errors.put(prefix + "labels." + label.getKey(), "must be a string");
                    }
                }
            }
        }
    }

    /** Dedupe key: {@code labels._result} when present, else {@code uuid@end}. */
    static String resultId(JsonNode item) {
        JsonNode result = item.path("labels").path("_result");
        if (result.isTextual() && !result.asText().isEmpty()) {
            return result.asText();
        }
        return item.path("uuid").asText() + "@" + item.path("end").asText();
    }

    private static void uuid(JsonNode node, String field, String prefix, Map<String, String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            errors.put(prefix + field, "required");
        } else if (!value.isTextual() || !UUID.matcher(value.asText()).matches()) {
            errors.put(prefix + field, "must be a UUID");
        }
    }

    private void timestamp(JsonNode node, String field, String prefix, boolean notFuture, Map<String, String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            errors.put(prefix + field, "required");
            return;
        }
        Instant at;
        try {
            if (!value.isTextual()) {
                throw new DateTimeParseException("not a string", value.toString(), 0);
            }
            at = OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(prefix + field, "must be an RFC 3339 timestamp with offset, got " + value);
            return;
        }
        Instant now = clock.instant();
        if (notFuture && at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            errors.put(prefix + field, "must not be in the future (server time " + now + ", got " + value.asText() + ")");
        }
    }
}
