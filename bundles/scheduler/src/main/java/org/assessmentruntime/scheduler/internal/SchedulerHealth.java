package org.assessmentruntime.scheduler.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#SCHEDULER} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "scheduler")
public class SchedulerHealth implements HealthIndicator {

    static final String DETAIL = "Cron, interval and on-demand triggers are not implemented yet; no job is started.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.SCHEDULER, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
