package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;

/**
 * How delivery to the control plane is going, for the collector's health.
 *
 * @param mode           where results go and how, in a few words (control plane, batch or single)
 * @param delivered      results delivered since delivery started
 * @param lastDeliveryAt when the control plane last accepted results; null before that
 * @param backoffUntil   when delivery tries again after a failure; null when it is not backing off
 * @param lastError      why the last delivery attempt failed or a result was parked; empty when none did
 */
public record DeliveryReport(String mode, long delivered, Instant lastDeliveryAt, Instant backoffUntil,
        String lastError) {

    /** The mode when no control plane is configured. */
    public static final String STANDALONE = "results kept locally; no control plane configured";

    /** Normalises the error. */
    public DeliveryReport {
        lastError = lastError == null ? "" : lastError;
    }
}
