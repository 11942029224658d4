package org.assessmentruntime.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;

import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RouteInventory;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.StatusService;
import org.assessmentruntime.api.runs.FinishedRun;
import org.assessmentruntime.api.runs.RunObserver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The runtime's metrics: one registry of this component's own (never the client's global default, which
 * would outlive a bundle update), the run counters it keeps as the job runner's {@link RunObserver}, and
 * collectors that read the other services at scrape time. Every service is an optional, dynamic
 * reference: metrics of a component that is away are left out, and the others still answer.
 */
@Component(service = {RuntimeMetrics.class, RunObserver.class})
public class RuntimeMetrics implements RunObserver {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final RunMetrics runs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StatusService statusService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ResultsCollector collector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RouteInventory routes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Authentication authentication;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Heartbeat heartbeat;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Scheduler scheduler;

    /** DS constructor. */
    @Activate
    public RuntimeMetrics() {
        this(Clock.systemUTC());
    }

    RuntimeMetrics(Clock clock) {
        runs = new RunMetrics(registry);
        registry.register(new StatusMetrics(() -> statusService));
        registry.register(new ServiceMetrics(new ServiceMetrics.Sources(() -> collector, () -> routes,
                () -> authentication, () -> heartbeat, () -> scheduler), clock));
    }

    @Override
    public void runFinished(FinishedRun run) {
        runs.record(run);
    }

    /** The content type of {@link #write}'s output. */
    String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric, in the Prometheus text exposition format (0.0.4). */
    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
