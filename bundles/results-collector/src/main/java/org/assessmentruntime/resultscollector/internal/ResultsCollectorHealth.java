package org.assessmentruntime.resultscollector.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#RESULTS_COLLECTOR} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "results-collector")
public class ResultsCollectorHealth implements HealthIndicator {

    static final String DETAIL = "Durable result storage and delivery are not implemented yet; no result is kept.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.RESULTS_COLLECTOR, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
