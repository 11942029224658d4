package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;

/**
 * How an additional sink is going, for the collector's health. Never carries a secret.
 *
 * @param name         the sink, as the facts are prefixed ({@code kafka})
 * @param enabled      whether it publishes (configured); when false the other figures are empty
 * @param target       where it publishes, for operators (brokers and topic, no credentials)
 * @param backlog      stored results it has not acknowledged yet
 * @param acked        results acknowledged since it started
 * @param lastAckAt    when results were last acknowledged; null before that
 * @param backoffUntil when it tries again after a failure; null when it is not backing off
 * @param lastError    why the last attempt failed, or why its configuration was rejected; empty when none
 */
public record SinkReport(String name, boolean enabled, String target, long backlog, long acked, Instant lastAckAt,
        Instant backoffUntil, String lastError) {

    /** Normalises the texts. */
    public SinkReport {
        target = target == null ? "" : target;
        lastError = lastError == null ? "" : lastError;
    }
}
