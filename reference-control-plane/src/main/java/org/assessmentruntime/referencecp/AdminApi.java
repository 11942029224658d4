package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;

/**
 * The admin API for out-of-process use (demos, scripts): {@code /_admin/...}, no token, no faults, any
 * {@code Content-Type}. Reachable from 127.0.0.1 only, as the whole server.
 */
final class AdminApi {

    static final String PREFIX = "/_admin/";

    private final Received received;
    private final Faults faults;
    private final RemoteConfig config;
    private final Tokens tokens;

    AdminApi(Received received, Faults faults, RemoteConfig config, Tokens tokens) {
        this.received = received;
        this.faults = faults;
        this.config = config;
        this.tokens = tokens;
    }

    Reply route(Request request) {
        String action = request.path().substring(PREFIX.length());
        String expected = action.equals("received") ? "GET" : "POST";
        if (!request.method().equals(expected)) {
            return Reply.error(405, "method not allowed").withHeader("Allow", expected);
        }
        return switch (action) {
            case "received" -> Reply.data(200, summary());
            case "faults" -> fault(body(request));
            case "config" -> publish(body(request));
            case "revoke-tokens" -> {
                tokens.revokeAll();
                yield Reply.empty(204);
            }
            case "disable-client" -> {
                tokens.disable(body(request).path("clientId").asText());
                yield Reply.empty(204);
            }
            case "clear" -> {
                received.clear();
                yield Reply.empty(204);
            }
            default -> Reply.error(404, "not found");
        };
    }

    private ObjectNode summary() {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("heartbeats", received.heartbeats().size());
        summary.set("evidence", Json.MAPPER.valueToTree(received.evidence()));
        summary.set("result-ids", Json.MAPPER.valueToTree(received.resultIds()));
        summary.put("evidence-requests", received.evidenceRequests());
        summary.put("duplicates", received.duplicateEvidence());
        summary.put("tokens-issued", received.tokensIssued());
        summary.set("config-reports", Json.MAPPER.valueToTree(received.configReports()));
        summary.put("config-revision", config.revision());
        summary.put("requests", received.requests().size());
        return summary;
    }

    private Reply fault(JsonNode body) {
        String kind = body.path("fault").asText("");
        if (kind.equals("clear")) {
            faults.clear();
            return Reply.empty(204);
        }
        String path = body.path("path").asText("");
        if (!path.startsWith("/")) {
            return Reply.errors(400, java.util.Map.of("path", "required: a path prefix starting with /"));
        }
        Fault fault = switch (kind) {
            case "status" -> body.path("code").isInt() ? Fault.status(body.path("code").asInt()) : null;
            case "too-many-requests" -> Fault.tooManyRequests(
                    Duration.ofSeconds(body.path("retryAfterSeconds").asLong(1)));
            case "slow" -> Fault.slow(Duration.ofMillis(body.path("millis").asLong(1000)));
            case "drop" -> Fault.drop();
            case "garbage" -> Fault.garbage();
            default -> null;
        };
        if (fault == null) {
            return Reply.errors(400, java.util.Map.of("fault",
                    "one of status (with code), too-many-requests, slow, drop, garbage, clear; got '" + kind + "'"));
        }
        faults.inject(path, fault, body.path("times").asInt(1));
        return Reply.empty(204);
    }

    private Reply publish(JsonNode overlay) {
        if (!overlay.isObject()) {
            return Reply.error(400, "the overlay must be a JSON object");
        }
        long revision = config.publish(overlay);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("revision", revision);
        result.put("etag", config.etag());
        return Reply.data(200, result);
    }

    private static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new Refusal(Reply.error(400, "invalid JSON: " + e.getMessage()));
        }
    }
}
