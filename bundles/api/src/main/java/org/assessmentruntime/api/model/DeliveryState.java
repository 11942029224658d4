package org.assessmentruntime.api.model;

/** Where a stored result stands in its delivery to the control plane. */
public enum DeliveryState {
    /** Not delivered yet; delivery keeps trying, with back-off. */
    PENDING,
    /** Accepted by the control plane. */
    DELIVERED,
    /**
     * Set aside after a failure that retrying will not fix (the control plane rejected it as invalid)
     * or after too many attempts; kept until an operator requeues or drops it.
     */
    PARKED
}
