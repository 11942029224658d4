package org.assessmentruntime.http.internal;

import org.assessmentruntime.api.runs.FinishedRun;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Runs counted as the job runner reports them: by job and outcome, and how long they took. Counted from
 * the moment this bundle started: Prometheus' {@code rate()} and {@code increase()} take the restarts.
 */
final class RunMetrics {

    /**
     * Bucket bounds in seconds: most checks take milliseconds to a few seconds, plugin timeouts reach
     * minutes.
     */
    private static final double[] DURATION_BOUNDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final Counter runs;
    private final Histogram duration;

    RunMetrics(PrometheusRegistry registry) {
        runs = Counter.builder().name("assessment_runs")
                .help("activity runs by job and outcome (PASS, FAIL, ERROR, NOT_APPLICABLE)")
                .labelNames("job", "outcome").withoutExemplars().register(registry);
        duration = Histogram.builder().name("assessment_run_duration_seconds")
                .help("how long activity runs took, from resolving the plugin to the result, by outcome")
                .labelNames("outcome").classicOnly().classicUpperBounds(DURATION_BOUNDS).withoutExemplars()
                .register(registry);
    }

    void record(FinishedRun run) {
        String outcome = run.outcome().name();
        runs.labelValues(run.jobId(), outcome).inc();
        duration.labelValues(outcome).observe(run.duration().toNanos() / 1e9);
    }
}
