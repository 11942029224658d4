package org.assessmentruntime.referencecp;

import java.time.Instant;
import java.util.Map;

/**
 * One request the reference control plane answered (or dropped).
 *
 * @param method  HTTP method
 * @param path    raw request path, without the query
 * @param status  status answered; 0 when the connection was dropped by a {@link Fault#drop()} fault
 * @param headers request headers with lower-case names (repeated headers joined with ", "); the
 *                {@code authorization} value is reduced to its scheme ("Bearer", "Basic") so no secret is kept
 * @param at      when the request arrived
 */
public record RecordedRequest(String method, String path, int status, Map<String, String> headers, Instant at) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** One line for logs: never contains a credential. */
    @Override
    public String toString() {
        return at + " " + method + " " + path + " -> " + (status == 0 ? "dropped" : String.valueOf(status));
    }
}
