package org.assessmentruntime.api;

import java.util.Map;
import java.util.Objects;

/**
 * A component's own account of its health.
 *
 * @param component the component reporting
 * @param state     its state
 * @param detail    one line an operator can act on; never a secret
 * @param facts     figures behind the state (e.g. {@code backlog=12}); may be empty
 */
public record ComponentHealth(ComponentId component, HealthState state, String detail, Map<String, String> facts) {

    /** Validates and copies. */
    public ComponentHealth {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** A health report without facts. */
    public static ComponentHealth of(ComponentId component, HealthState state, String detail) {
        return new ComponentHealth(component, state, detail, Map.of());
    }
}
