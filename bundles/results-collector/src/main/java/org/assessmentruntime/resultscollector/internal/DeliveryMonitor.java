package org.assessmentruntime.resultscollector.internal;

import org.assessmentruntime.api.model.AssessmentResult;

/**
 * Delivery of stored results, as the collector sees it: asked for the body a result is sent as when the
 * result is stored, woken after it, asked for its report by the collector's health. Registered (inside
 * this bundle only) by the delivery component, which exists only while a control plane is configured.
 */
public interface DeliveryMonitor {

    /**
     * The body a result will be sent as, rendered now so that it is kept with the result (see
     * {@link Outbox}).
     *
     * @return the body; null when it cannot be rendered, which must not stop the result being stored:
     *         delivery renders it again when it is due, and parks the result with the reason if that fails
     */
    byte[] render(AssessmentResult result);

    /** Starts a delivery round soon, so that a new result goes out promptly. Never blocks or throws. */
    void wake();

    /** How delivery is going. */
    DeliveryReport report();
}
