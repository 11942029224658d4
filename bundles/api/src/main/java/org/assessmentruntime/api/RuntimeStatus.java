package org.assessmentruntime.api;

import java.time.Instant;
import java.util.List;

/**
 * The whole runtime's status at one instant.
 *
 * @param version    the runtime's version
 * @param takenAt    when the status was taken
 * @param components one entry per {@link ComponentId}, in declaration order
 */
public record RuntimeStatus(String version, Instant takenAt, List<ComponentStatus> components) {

    /** Copies the list. */
    public RuntimeStatus {
        components = List.copyOf(components);
    }

    /** Whether every component's bundle is active and none reports {@link HealthState#DOWN}. */
    public boolean allUp() {
        return components.stream().allMatch(c -> "ACTIVE".equals(c.bundleState())
                && c.health().state() != HealthState.DOWN);
    }
}
