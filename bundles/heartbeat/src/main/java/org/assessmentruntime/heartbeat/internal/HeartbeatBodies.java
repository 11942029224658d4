package org.assessmentruntime.heartbeat.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.ResultQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a heartbeat's body from whichever services are there. The summary is a courtesy to the
 * control plane, the beat itself is what matters: a missing or failing service leaves its part out and
 * never stops the heartbeat.
 *
 * <p>Each argument may be {@code null} (the service is absent).
 */
final class HeartbeatBodies {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatBodies.class);

    private HeartbeatBodies() {
    }

    /** The body of a heartbeat made at {@code at} (cut to whole seconds, as RFC 3339 needs no more). */
    static HeartbeatBody build(UUID runtimeId, Instant at, StatusService status, PluginStore store,
            PluginManager manager, ResultsCollector results) {
        RuntimeStatus runtime = part("status", () -> status == null ? null : status.status());
        HeartbeatBody.Runtime summary = new HeartbeatBody.Runtime(
                runtime == null ? null : runtime.version(),
                runtime == null ? null : components(runtime),
                part("plugins", () -> plugins(store, manager)),
                part("last run", () -> lastRun(results)),
                part("outbox", () -> outbox(results)));
        boolean empty = summary.equals(new HeartbeatBody.Runtime(null, null, null, null, null));
        return new HeartbeatBody(runtimeId, at.truncatedTo(ChronoUnit.SECONDS), empty ? null : summary);
    }

    private static List<HeartbeatBody.Component> components(RuntimeStatus runtime) {
        return runtime.components().stream()
                .map(c -> new HeartbeatBody.Component(c.component().id(), c.health().state()))
                .toList();
    }

    // The store is local and cheap; the manager answers from it too, so either gives the same list.
    private static List<HeartbeatBody.Plugin> plugins(PluginStore store, PluginManager manager) {
        List<InstalledPlugin> installed = store != null ? store.list() : manager != null ? manager.installed() : null;
        if (installed == null) {
            return null;
        }
        return installed.stream()
                .map(p -> new HeartbeatBody.Plugin(p.id().name(), p.id().version(), p.digest().toString()))
                .toList();
    }

    private static HeartbeatBody.LastRun lastRun(ResultsCollector results) {
        if (results == null) {
            return null;
        }
        return results.query(ResultQuery.latest(1)).stream().findFirst().map(stored -> {
            AssessmentResult result = stored.result();
            return new HeartbeatBody.LastRun(result.jobId(), result.status(), result.provenance().end());
        }).orElse(null);
    }

    private static HeartbeatBody.Outbox outbox(ResultsCollector results) {
        if (results == null) {
            return null;
        }
        DeliveryBacklog backlog = results.backlog();
        return new HeartbeatBody.Outbox(backlog.pending(), backlog.parked(), backlog.oldestPending());
    }

    private static <T> T part(String name, Supplier<T> source) {
        try {
            return source.get();
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat sent without its {}: {}", name, e.toString());
            return null;
        }
    }
}
