package org.assessmentruntime.jobrunner.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#JOB_RUNNER} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "job-runner")
public class JobRunnerHealth implements HealthIndicator {

    static final String DETAIL = "Building job contexts and running plugins is not implemented yet.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.JOB_RUNNER, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
