package org.assessmentruntime.http.internal;

import java.util.List;

import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RuntimeStatus;

/**
 * When the runtime counts as ready: every component's bundle ACTIVE and its health UP, or DISABLED (off by
 * configuration, e.g. a control-plane component of a standalone runtime: that is how it was set up, not a
 * fault). DEGRADED, DOWN and NOT_IMPLEMENTED are not ready: each names a problem an operator must look at.
 */
final class Readiness {

    private Readiness() {
    }

    /** Whether {@code status} is ready. */
    static boolean ready(RuntimeStatus status) {
        return notReady(status).isEmpty();
    }

    /** The components that keep {@code status} from being ready; empty when it is. */
    static List<ComponentStatus> notReady(RuntimeStatus status) {
        return status.components().stream().filter(c -> !ready(c)).toList();
    }

    private static boolean ready(ComponentStatus component) {
        HealthState state = component.health().state();
        return "ACTIVE".equals(component.bundleState()) && (state == HealthState.UP || state == HealthState.DISABLED);
    }
}
