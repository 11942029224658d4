package org.assessmentruntime.pluginmanager.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#PLUGIN_MANAGER} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "plugin-manager")
public class PluginManagerHealth implements HealthIndicator {

    static final String DETAIL = "Registry resolution, download and verification of plugins are not implemented yet.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.PLUGIN_MANAGER, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
