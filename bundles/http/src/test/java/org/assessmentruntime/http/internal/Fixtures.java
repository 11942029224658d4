package org.assessmentruntime.http.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;

/** Results and statuses for tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private Fixtures() {
    }

    static StoredResult stored(String job, UUID runId, Instant end) {
        UUID observation = UUID.randomUUID();
        Provenance provenance = new Provenance(new PluginRef("examples/sshd-hardening", "^1.0"),
                new PluginId("examples/sshd-hardening", "1.2.0"), Digest.sha256(new byte[] {1}), "chicory",
                new ResourceLimits(Duration.ofSeconds(30), 64L << 20, 1 << 20, 1 << 16), "runtime-1",
                end.minusMillis(500), end);
        AssessmentResult result = new AssessmentResult(UUID.randomUUID(), runId, job, "sshd", "hardening", "", "",
                "cm-6", ResultStatus.FAIL, null, "root login allowed", "sshd is hardened",
                List.of(new Observation(observation, "PermitRootLogin is yes", "sshd -T says so", List.of(), List.of(),
                        List.of(), null, end)),
                List.of(new Finding(UUID.randomUUID(), "Root may log in over SSH", "root can log in", "ac-6",
                        Finding.State.NOT_SATISFIED, List.of(observation), List.of())),
                List.of(), List.of(), List.of(), provenance);
        return new StoredResult(result, DeliveryState.PENDING, 0, "", end, null);
    }

    /** Every component ACTIVE with {@code state}, the results collector with store facts. */
    static RuntimeStatus status(HealthState state) {
        List<ComponentStatus> rows = new java.util.ArrayList<>();
        for (ComponentId id : ComponentId.values()) {
            Map<String, String> facts = id == ComponentId.RESULTS_COLLECTOR
                    ? Map.of("pending", "3", "storeSizeMb", "2", "contentMb", "1", "delivered", "42",
                            "directory", "/data/results")
                    : Map.of();
            rows.add(new ComponentStatus(id, "ACTIVE", "0.1.0", new ComponentHealth(id, state, "fine", facts)));
        }
        return new RuntimeStatus("0.1.0", T0, rows);
    }

    /** {@code status} with one component's health replaced. */
    static RuntimeStatus with(RuntimeStatus status, ComponentId id, HealthState state) {
        return new RuntimeStatus(status.version(), status.takenAt(), status.components().stream()
                .map(c -> c.component() == id ? new ComponentStatus(id, c.bundleState(), c.bundleVersion(),
                        ComponentHealth.of(id, state, state + " for a test")) : c)
                .toList());
    }
}
