package org.assessmentruntime.heartbeat.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.ResultStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON a heartbeat carries. {@code uuid} and {@code created_at} are what the control plane
 * requires; {@code runtime} is this runtime's own health summary, which a control plane may ignore.
 * Parts whose source service is missing are {@code null} and left out.
 *
 * @param uuid      the runtime's id
 * @param createdAt when the heartbeat was made (RFC 3339, UTC, whole seconds)
 * @param runtime   the runtime's health summary
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HeartbeatBody(UUID uuid, @JsonProperty("created_at") Instant createdAt, Runtime runtime) {

    /**
     * The runtime's health summary.
     *
     * @param version    the runtime's version
     * @param components each component's health state
     * @param plugins    the installed plugins
     * @param lastRun    the newest stored result
     * @param outbox     how far result delivery is behind
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Runtime(String version, List<Component> components, List<Plugin> plugins,
            @JsonProperty("last-run") LastRun lastRun, Outbox outbox) {
    }

    /** A component and its health state. */
    record Component(String id, HealthState state) {
    }

    /** An installed plugin version. */
    record Plugin(String name, String version, String digest) {
    }

    /**
     * The newest stored result.
     *
     * @param job     its job
     * @param status  its verdict
     * @param endedAt when its run ended
     */
    record LastRun(String job, ResultStatus status, @JsonProperty("ended-at") Instant endedAt) {
    }

    /**
     * Result delivery's backlog.
     *
     * @param pending       results waiting for delivery
     * @param parked        results set aside for an operator
     * @param oldestPending when the oldest pending result was stored; left out when none is pending
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Outbox(long pending, long parked, @JsonProperty("oldest-pending") Instant oldestPending) {
    }
}
