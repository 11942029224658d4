package org.assessmentruntime.shell.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Builds the runtime's status from the bundles that carry the components and the
 * {@link HealthIndicator}s they register.
 *
 * <p>The list of rows comes from {@link ComponentId}, not from the indicators present, so a component
 * whose bundle is stopped, missing or unsatisfied is shown as such rather than dropped.
 */
@Component
public class RuntimeStatusService implements StatusService {

    private final BundleContext bundleContext;
    private final Clock clock;
    // Indicators come and go with their bundles; keyed by component id.
    private final Map<String, HealthIndicator> indicators = new ConcurrentHashMap<>();

    /** DS constructor; the bundle context is needed to read other bundles' states. */
    @Activate
    public RuntimeStatusService(BundleContext bundleContext) {
        this(bundleContext, Clock.systemUTC());
    }

    RuntimeStatusService(BundleContext bundleContext, Clock clock) {
        this.bundleContext = bundleContext;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHealthIndicator(HealthIndicator indicator, Map<String, Object> properties) {
        Object component = properties.get(ComponentId.SERVICE_PROPERTY);
        if (component != null) {
            indicators.put(component.toString(), indicator);
        }
    }

    void unbindHealthIndicator(HealthIndicator indicator, Map<String, Object> properties) {
        Object component = properties.get(ComponentId.SERVICE_PROPERTY);
        if (component != null) {
            indicators.remove(component.toString(), indicator);
        }
    }

    @Override
    public RuntimeStatus status() {
        List<ComponentStatus> rows = new ArrayList<>();
        for (ComponentId id : ComponentId.values()) {
            rows.add(statusOf(id));
        }
        return new RuntimeStatus(bundleContext.getBundle().getVersion().toString(), clock.instant(), rows);
    }

    private ComponentStatus statusOf(ComponentId id) {
        Bundle bundle = findBundle(id.bundleSymbolicName());
        if (bundle == null) {
            return new ComponentStatus(id, "MISSING", "",
                    ComponentHealth.of(id, HealthState.DOWN, "bundle " + id.bundleSymbolicName() + " is not installed"));
        }
        String state = BundleStates.name(bundle.getState());
        HealthIndicator indicator = indicators.get(id.id());
        ComponentHealth health;
        if (indicator != null) {
            health = safeHealth(id, indicator);
        } else if (bundle.getState() == Bundle.ACTIVE) {
            health = ComponentHealth.of(id, HealthState.DOWN,
                    "bundle is active but its component is not registered (see scr:list for unsatisfied references)");
        } else {
            health = ComponentHealth.of(id, HealthState.DOWN, "bundle is " + state);
        }
        return new ComponentStatus(id, state, bundle.getVersion().toString(), health);
    }

    // One misbehaving component must not break the status of all the others.
    private static ComponentHealth safeHealth(ComponentId id, HealthIndicator indicator) {
        try {
            ComponentHealth health = indicator.health();
            return health != null ? health : ComponentHealth.of(id, HealthState.DOWN, "reported no health");
        } catch (RuntimeException e) {
            return ComponentHealth.of(id, HealthState.DOWN, "health check failed: " + e);
        }
    }

    private Bundle findBundle(String symbolicName) {
        Bundle found = null;
        for (Bundle bundle : bundleContext.getBundles()) {
            // With several versions installed (during an upgrade) the newest one is the one that counts.
            if (symbolicName.equals(bundle.getSymbolicName())
                    && (found == null || bundle.getVersion().compareTo(found.getVersion()) > 0)) {
                found = bundle;
            }
        }
        return found;
    }
}
