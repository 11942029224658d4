package org.assessmentruntime.heartbeat.internal;

import java.time.Instant;
import java.util.Map;

import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.camel.controlplane.ControlPlaneErrors;

/**
 * Turns the control plane's answer to a heartbeat into a {@link HeartbeatResult}: any 2xx is
 * delivered; anything else is not, with the status code and a short reason an operator can act on.
 */
final class Replies {

    /** Longest detail kept: the reason comes from the server, and an error page must not flood health. */
    static final int MAX_DETAIL = 200;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    /** The result of a reply with this status code and body ({@code null} when there is none). */
    HeartbeatResult fromReply(Instant at, Integer status, byte[] body) {
        if (status == null) {
            return new HeartbeatResult(at, false, "the control-plane route gave no HTTP status code");
        }
        if (status >= 200 && status < 300) {
            return new HeartbeatResult(at, true, "");
        }
        // A proxy's HTML error page, say, has no envelope: the status code says enough then.
        String reason = ControlPlaneErrors.messages(body).orElse("");
        String detail = "HTTP " + status + " " + REASONS.getOrDefault(status, "")
                + (reason.isEmpty() ? "" : ": " + reason);
        return new HeartbeatResult(at, false, shorten(detail.replace("  ", " ").strip()));
    }

    /** The result of a heartbeat that got no reply: the connection error, without its stack. */
    HeartbeatResult fromFailure(Instant at, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return new HeartbeatResult(at, false, shorten("no reply: " + root.getClass().getSimpleName() + message));
    }

    private static String shorten(String detail) {
        String oneLine = detail.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL - 1) + "…";
    }
}
