package org.assessmentruntime.camel.internal;

import java.util.List;

import org.apache.camel.CamelContext;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.RouteInfo;
import org.assessmentruntime.api.RouteInventory;

/** What the Camel component tells the rest of the runtime: its routes and its health. */
final class CamelStatus implements RouteInventory, HealthIndicator {

    private final CamelContext context;

    CamelStatus(CamelContext context) {
        this.context = context;
    }

    @Override
    public List<RouteInfo> routes() {
        return RouteSnapshots.of(context);
    }

    @Override
    public ComponentHealth health() {
        return CamelHealth.of(context);
    }
}
