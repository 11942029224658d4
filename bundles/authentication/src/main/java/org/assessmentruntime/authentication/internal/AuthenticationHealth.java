package org.assessmentruntime.authentication.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#AUTHENTICATION} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "authentication")
public class AuthenticationHealth implements HealthIndicator {

    static final String DETAIL = "Authentication to the control plane (client-credentials tokens, mTLS) is not implemented yet; the runtime makes no control-plane calls.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.AUTHENTICATION, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
