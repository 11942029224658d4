package org.assessmentruntime.heartbeat.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#HEARTBEAT} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "heartbeat")
public class HeartbeatHealth implements HealthIndicator {

    static final String DETAIL = "Heartbeats to the control plane are not implemented yet; none is sent.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.HEARTBEAT, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
