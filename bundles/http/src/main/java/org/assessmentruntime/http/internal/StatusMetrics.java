package org.assessmentruntime.http.internal;

import java.util.Map;
import java.util.function.Supplier;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * What {@code assessment:status} knows, as metrics, from one status snapshot per scrape: readiness, each
 * component's health state, every numeric fact the components report, and the figures behind them that
 * have no service method of their own (result store size, results delivered, delivery paused).
 */
final class StatusMetrics implements MultiCollector {

    private static final double MIB = 1024.0 * 1024.0;

    private final Supplier<StatusService> status;

    StatusMetrics(Supplier<StatusService> status) {
        this.status = status;
    }

    @Override
    public MetricSnapshots collect() {
        StatusService service = status.get();
        if (service == null) {
            return new MetricSnapshots();
        }
        RuntimeStatus now = service.status();
        Families families = new Families();
        families.gauge("assessment_ready", "1 when every component is up (what /ready answers 200 for), else 0",
                Readiness.ready(now) ? 1 : 0);
        for (ComponentStatus component : now.components()) {
            component(families, component);
        }
        now.components().stream().filter(c -> c.component() == ComponentId.RESULTS_COLLECTOR).findFirst()
                .ifPresent(c -> collector(families, c.health().facts()));
        return families.build();
    }

    private static void component(Families families, ComponentStatus component) {
        String id = component.component().id();
        ComponentHealth health = component.health();
        for (HealthState state : HealthState.values()) {
            families.gauge("assessment_component_health", "1 for a component's current health state, 0 for the others",
                    health.state() == state ? 1 : 0, "component", id, "state", state.name());
        }
        families.gauge("assessment_component_bundle_active", "1 when the component's bundle is ACTIVE",
                "ACTIVE".equals(component.bundleState()) ? 1 : 0, "component", id);
        for (Map.Entry<String, String> fact : health.facts().entrySet()) {
            Double value = number(fact.getValue());
            if (value != null) {
                families.gauge("assessment_component_fact", "a numeric fact a component reports in assessment:status",
                        value, "component", id, "fact", fact.getKey());
            }
        }
    }

    private static void collector(Families families, Map<String, String> facts) {
        Double storeMb = number(facts.get("storeSizeMb"));
        if (storeMb != null) {
            families.gauge("assessment_result_store_size_bytes", "size of the result store's file (MiB resolution)",
                    storeMb * MIB);
        }
        Double contentMb = number(facts.get("contentMb"));
        if (contentMb != null) {
            families.gauge("assessment_result_store_content_bytes", "bytes of results held, as written, which "
                    + "maxStoreSizeMb caps (MiB resolution)", contentMb * MIB);
        }
        Double delivered = number(facts.get("delivered"));
        if (delivered != null) {
            families.counter("assessment_delivery_delivered", "results the control plane accepted since the "
                    + "collector started", delivered);
            families.gauge("assessment_delivery_paused", "1 while delivery backs off after a failed attempt",
                    facts.containsKey("backoffUntil") ? 1 : 0);
        }
    }

    /** A fact's value as a number; {@code null} for text, booleans included (they are not figures). */
    private static Double number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            return Double.isFinite(parsed) ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
