package org.assessmentruntime.api.model;

/** Where a stored result stands in its delivery to the control plane. */
public enum DeliveryState {
    /** Not delivered yet; delivery keeps trying, with back-off. */
    PENDING,
    /** Accepted by the control plane. */
    DELIVERED,
    /**
     * Set aside after a failure that retrying will not fix (the control plane rejected it as invalid);
     * kept until an operator requeues it. Failures that retrying may fix (outages, 5xx, 429) never park a
     * result, however many attempts they take.
     */
    PARKED
}
