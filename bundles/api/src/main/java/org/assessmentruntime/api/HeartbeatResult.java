package org.assessmentruntime.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One heartbeat and how the control plane took it.
 *
 * @param at        when it was sent (the {@code created_at} it carried)
 * @param delivered whether the control plane accepted it
 * @param detail    what went wrong when not delivered (status code, connection error); empty otherwise
 */
public record HeartbeatResult(Instant at, boolean delivered, String detail) {

    /** Validates. */
    public HeartbeatResult {
        Objects.requireNonNull(at, "HeartbeatResult.at");
        detail = detail == null ? "" : detail;
    }
}
