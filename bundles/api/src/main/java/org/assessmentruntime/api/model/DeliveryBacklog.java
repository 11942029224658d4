package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far delivery to the control plane is behind: what the status command and the heartbeat report.
 *
 * @param pending       results waiting for delivery
 * @param parked        results set aside, waiting for an operator
 * @param oldestPending when the oldest pending result was stored; {@code null} when none is pending
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeliveryBacklog(long pending, long parked, Instant oldestPending) {

    /** Validates. */
    public DeliveryBacklog {
        if (pending < 0 || parked < 0) {
            throw new IllegalArgumentException("DeliveryBacklog counts must not be negative, got pending=" + pending
                    + ", parked=" + parked);
        }
    }
}
