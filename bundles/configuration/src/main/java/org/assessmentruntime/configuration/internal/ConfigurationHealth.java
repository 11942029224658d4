package org.assessmentruntime.configuration.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RemoteConfigMode;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Reports the {@link ComponentId#CONFIGURATION} component's health: standalone (no control plane), off,
 * or the applied revision and the last sync's outcome, {@link HealthState#DEGRADED} when that was
 * rejected or failed. Answers from state already held.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=" + "configuration")
public class ConfigurationHealth implements HealthIndicator {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ControlPlaneConnection connection;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RemoteConfigService sync;

    @Override
    public ComponentHealth health() {
        ControlPlaneConnection link = connection;
        RemoteConfigService service = sync;
        if (link == null) {
            return ComponentHealth.of(ComponentId.CONFIGURATION, HealthState.UP, "standalone: local configuration only");
        }
        if (service == null) {
            return ComponentHealth.of(ComponentId.CONFIGURATION, HealthState.DOWN, "remote configuration sync is not"
                    + " running: it waits for ConfigAdmin, the MetaType service, the runtime identity and Camel");
        }
        return health(service);
    }

    static ComponentHealth health(RemoteConfigService service) {
        RemoteConfigMode mode = service.mode();
        SyncState state = service.syncer().state();
        Optional<ConfigSyncOutcome> last = service.lastOutcome();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("mode", mode.wireName());
        facts.put("appliedRevision", Long.toString(state.revision()));
        facts.put("etag", state.etag());
        facts.put("lastOutcome", last.map(o -> o.status().name()).orElse(""));
        facts.put("lastSyncAt", last.map(o -> o.at().toString()).orElse(""));
        if (mode == RemoteConfigMode.OFF) {
            return new ComponentHealth(ComponentId.CONFIGURATION, HealthState.UP, "remote configuration off", facts);
        }
        String applied = state.revision() == 0 ? "no remote revision applied (local configuration only)"
                : "revision " + state.revision() + " applied";
        if (last.isEmpty()) {
            return new ComponentHealth(ComponentId.CONFIGURATION, HealthState.UP, mode.wireName() + ": " + applied
                    + "; not synced yet", facts);
        }
        ConfigSyncOutcome outcome = last.get();
        boolean bad = outcome.status() == ConfigSyncOutcome.Status.REJECTED
                || outcome.status() == ConfigSyncOutcome.Status.FAILED;
        String detail = mode.wireName() + ": " + applied + "; last sync " + outcome.status()
                + (outcome.reason().isEmpty() ? "" : ": " + outcome.reason());
        return new ComponentHealth(ComponentId.CONFIGURATION, bad ? HealthState.DEGRADED : HealthState.UP, detail, facts);
    }
}
