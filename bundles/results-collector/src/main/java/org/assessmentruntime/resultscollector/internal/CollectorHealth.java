package org.assessmentruntime.resultscollector.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The health with a rejected configuration added: the component runs on its last good settings, so
     * it is at least DEGRADED and says which setting was rejected and why.
     *
     * @param problem why the last configuration was rejected; empty when it is in effect
     */
    static ComponentHealth withConfigProblem(ComponentHealth health, String problem) {
        Map<String, String> facts = new LinkedHashMap<>(health.facts());
        facts.put("configProblem", problem);
        if (problem.isEmpty()) {
            return new ComponentHealth(health.component(), health.state(), health.detail(), facts);
        }
        HealthState state = health.state() == HealthState.UP ? HealthState.DEGRADED : health.state();
        String detail = health.state() == HealthState.UP ? problem : health.detail() + "; " + problem;
        return new ComponentHealth(health.component(), state, detail, facts);
    }

    /**
     * The health with an additional sink's facts added ({@code <name>}, {@code <name>Backlog},
     * {@code <name>Acked}, {@code <name>LastAckAt}, {@code <name>BackoffUntil}, {@code <name>LastError}): an
     * sink that is backing off or whose configuration was rejected makes an UP collector DEGRADED.
     *
     * @param sink the sink's report; null when the sink's component is not there (its facts say so)
     */
    static ComponentHealth withSink(ComponentHealth health, SinkReport sink, String name) {
        Map<String, String> facts = new LinkedHashMap<>(health.facts());
        if (sink == null) {
            facts.put(name, "not running");
            return new ComponentHealth(health.component(), health.state(), health.detail(), facts);
        }
        facts.put(name, sink.enabled() ? "enabled: " + sink.target() : "disabled");
        if (sink.enabled()) {
            facts.put(name + "Backlog", Long.toString(sink.backlog()));
            facts.put(name + "Acked", Long.toString(sink.acked()));
            if (sink.lastAckAt() != null) {
                facts.put(name + "LastAckAt", sink.lastAckAt().toString());
            }
            if (sink.backoffUntil() != null) {
                facts.put(name + "BackoffUntil", sink.backoffUntil().toString());
            }
        }
        facts.put(name + "LastError", sink.lastError());
        // An error stays only until the next batch is acknowledged or the next configuration is accepted.
        boolean failing = sink.backoffUntil() != null || !sink.lastError().isEmpty();
        if (!failing || health.state() != HealthState.UP) {
            return new ComponentHealth(health.component(), health.state(), health.detail(), facts);
        }
        return new ComponentHealth(health.component(), HealthState.DEGRADED, name + " sink: " + sink.lastError()
                + "; " + health.detail(), facts);
    }

    static ComponentHealth of(MvResultStore store, Settings settings) {
        return of(store, settings, null, null);
    }

    /**
     * DOWN when the last write failed; DEGRADED while anything needs an operator (a damaged store moved
     * aside, unreadable records skipped, the store above its size cap, a delivery backlog), each said in
     * the detail; UP otherwise.
     *
     * @param delivery   what delivery reports; null in standalone mode (no control plane configured), when
     *                   results are only kept
     * @param movedAside where a damaged store was moved aside to, in a sentence; null when none was
     */
    static ComponentHealth of(MvResultStore store, Settings settings, DeliveryReport delivery, String movedAside) {
        DeliveryBacklog backlog = store.backlog();
        long sizeMb = store.sizeBytes() >> 20;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("pending", Long.toString(backlog.pending()));
        facts.put("parked", Long.toString(backlog.parked()));
        if (backlog.oldestPending() != null) {
            facts.put("oldestPending", backlog.oldestPending().toString());
        }
        facts.put("storeSizeMb", Long.toString(sizeMb));
        facts.put("contentMb", Long.toString(store.contentBytes() >> 20));
        facts.put("maxStoreSizeMb", Long.toString(settings.maxStoreBytes() >> 20));
        facts.put("directory", store.directory().toString());
        facts.put("unreadable", Long.toString(store.unreadable()));
        if (movedAside != null) {
            facts.put("damagedStoreMovedAside", movedAside);
        }
        String deliveryText = delivery(delivery, facts);
        String writeFailure = store.writeFailure().orElse(null);
        if (writeFailure != null) {
            return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.DOWN, writeFailure, facts);
        }
        List<String> alarms = new ArrayList<>();
        if (movedAside != null) {
            alarms.add(movedAside);
        }
        store.unreadableAlarm().ifPresent(alarms::add);
        if (store.contentBytes() > settings.maxStoreBytes()) {
            alarms.add("the result store holds " + (store.contentBytes() >> 20) + " MiB of results, above its "
                    + (settings.maxStoreBytes() >> 20) + " MiB cap (maxStoreSizeMb); " + (store.deliveredCount() > 0
                            ? "the oldest delivered results are being dropped"
                            : "it holds only undelivered results (" + backlog.pending() + " await delivery, "
                                    + backlog.parked() + " are parked), which are never dropped: results are "
                                    + "still stored and the store grows; deliver them or raise maxStoreSizeMb"));
        }
        if (backlog.pending() > settings.backlogAlarm()) {
            alarms.add("delivery backlog: " + backlog.pending() + " results await delivery (alarm above "
                    + settings.backlogAlarm() + "), the oldest since " + backlog.oldestPending());
        }
        if (!alarms.isEmpty()) {
            return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.DEGRADED,
                    String.join("; ", alarms) + "; " + deliveryText, facts);
        }
        return new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.UP, backlog.pending() + " pending, "
                + backlog.parked() + " parked, " + sizeMb + " MiB in " + store.directory() + "; " + deliveryText,
                facts);
    }

    /** Adds delivery's facts; returns it in a few words. */
    private static String delivery(DeliveryReport delivery, Map<String, String> facts) {
        if (delivery == null) {
            facts.put("delivery", DeliveryReport.STANDALONE);
            return DeliveryReport.STANDALONE;
        }
        facts.put("delivery", delivery.mode());
        facts.put("delivered", Long.toString(delivery.delivered()));
        if (delivery.lastDeliveryAt() != null) {
            facts.put("lastDeliveryAt", delivery.lastDeliveryAt().toString());
        }
        if (delivery.backoffUntil() != null) {
            facts.put("backoffUntil", delivery.backoffUntil().toString());
        }
        if (!delivery.lastError().isEmpty()) {
            facts.put("lastDeliveryError", delivery.lastError());
        }
        return delivery.backoffUntil() == null ? "delivering to " + delivery.mode()
                : "delivery paused until " + delivery.backoffUntil() + " after: " + delivery.lastError();
    }
}
