package org.assessmentruntime.configuration.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#CONFIGURATION} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "configuration")
public class ConfigurationHealth implements HealthIndicator {

    static final String DETAIL = "Configuration sync from the control plane (ETag polling, last-good persistence) is not implemented yet; only local etc/ configuration applies.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.CONFIGURATION, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
