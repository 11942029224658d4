package org.assessmentruntime.api;

import java.util.Objects;

/**
 * One row of {@code assessment:status}: a component, the state of the bundle that carries it, and
 * its health.
 *
 * @param component     the component
 * @param bundleState   OSGi bundle state ({@code ACTIVE}, {@code RESOLVED}, …) or {@code MISSING}
 * @param bundleVersion the bundle's version, empty when missing
 * @param health        what the component reports; {@link HealthState#DOWN} when it cannot report
 */
public record ComponentStatus(ComponentId component, String bundleState, String bundleVersion,
        ComponentHealth health) {

    /** Validates. */
    public ComponentStatus {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(bundleState, "bundleState");
        bundleVersion = bundleVersion == null ? "" : bundleVersion;
        Objects.requireNonNull(health, "health");
    }
}
