package org.assessmentruntime.camel.internal;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;

/** The Camel component's health, from the context's state alone (no I/O). */
final class CamelHealth {

    private CamelHealth() {
    }

    /** UP with the number of routes while the context is started, DOWN otherwise. */
    static ComponentHealth of(CamelContext context) {
        ServiceStatus status = context.getStatus();
        if (!status.isStarted()) {
            return ComponentHealth.of(ComponentId.CAMEL, HealthState.DOWN,
                    "Camel context " + context.getName() + " is " + status);
        }
        int routes = context.getRoutes().size();
        long started = context.getRoutes().stream()
                .map(route -> context.getRouteController().getRouteStatus(route.getRouteId()))
                .filter(routeStatus -> routeStatus != null && routeStatus.isStarted())
                .count();
        return new ComponentHealth(ComponentId.CAMEL, HealthState.UP,
                routes + " route(s), " + started + " started",
                Map.of("routes", String.valueOf(routes), "started", String.valueOf(started)));
    }
}
