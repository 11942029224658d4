package org.assessmentruntime.api;

/** How well a component is doing its job right now. */
public enum HealthState {
    /** Working as configured. */
    UP,
    /** Working, but with a problem an operator should look at (e.g. control plane unreachable). */
    DEGRADED,
    /** Not doing its job. */
    DOWN,
    /** Deliberately inactive in this configuration (e.g. heartbeat with no control plane). */
    DISABLED,
    /** Registered, but its behaviour is not built yet: it does nothing, and says so. */
    NOT_IMPLEMENTED
}
