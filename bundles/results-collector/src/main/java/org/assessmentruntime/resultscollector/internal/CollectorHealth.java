package org.assessmentruntime.resultscollector.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.DeliveryBacklog;

/** The collector's health, from what it holds in memory. */
final class CollectorHealth {

    private CollectorHealth() {
    }

    /** When the store could not be opened. */
    static ComponentHealth unavailable(String why) {
        return ComponentHealth.of(ComponentId.RESULTS_COLLECTOR, HealthState.DOWN,
                "results cannot be stored: " + why);
    }

    static ComponentHealth of(MvResultStore store, Settings settings) {
        DeliveryBacklog backlog = store.backlog();
        long sizeMb = store.sizeBytes() >> 20;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("pending", Long.toString(backlog.pending()));
        facts.put("parked", Long.toString(backlog.parked()));
        if (backlog.oldestPending() != null) {
            facts.put("oldestPending", backlog.oldestPending().toString());
        }
        facts.put("storeSizeMb", Long.toString(sizeMb));
        facts.put("directory", store.directory().toString());
        String writeFailure = store.writeFailure().orElse(null);
        if (writeFailure != null) {
            return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.DOWN, writeFailure, facts);
        }
        if (store.sizeBytes() > settings.maxStoreBytes()) {
            return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.DEGRADED, "the result store is "
                    + sizeMb + " MiB, above its " + (settings.maxStoreBytes() >> 20) + " MiB alarm; results are still "
                    + "stored, but " + backlog.pending() + " await delivery and " + backlog.parked() + " are parked",
                    facts);
        }
        if (backlog.pending() > settings.backlogAlarm()) {
            return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.DEGRADED, backlog.pending()
                    + " results await delivery (alarm above " + settings.backlogAlarm() + "), the oldest since "
                    + backlog.oldestPending(), facts);
        }
        return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.UP, backlog.pending() + " pending, "
                + backlog.parked() + " parked, " + sizeMb + " MiB in " + store.directory(), facts);
    }
}
