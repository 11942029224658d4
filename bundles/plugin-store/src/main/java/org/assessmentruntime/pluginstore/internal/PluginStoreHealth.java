package org.assessmentruntime.pluginstore.internal;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the {@link ComponentId#PLUGIN_STORE} component's health.
 *
 * <p>The component's behaviour is not built yet, so it says exactly that instead of pretending to
 * work: operators see {@link HealthState#NOT_IMPLEMENTED} in {@code assessment:status}.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "plugin-store")
public class PluginStoreHealth implements HealthIndicator {

    static final String DETAIL = "The content-addressed plugin store is not implemented yet; no plugin is stored.";

    @Override
    public ComponentHealth health() {
        return ComponentHealth.of(ComponentId.PLUGIN_STORE, HealthState.NOT_IMPLEMENTED, DETAIL);
    }
}
