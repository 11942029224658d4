package org.assessmentruntime.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Metric families read from the services at one scrape, collected point by point and handed to the
 * Prometheus client as snapshots (which writes the exposition format). A family with no point is left
 * out, as the client leaves out a metric nobody observed.
 */
final class Families {

    private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
    private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();

    /**
     * Adds a gauge's point.
     *
     * @param labels name, value, name, value, …
     */
    Families gauge(String name, String help, double value, String... labels) {
        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build());
        return this;
    }

    /**
     * Adds a counter's point; {@code name} without the {@code _total} that the exposition adds.
     *
     * @param labels name, value, name, value, …
     */
    Families counter(String name, String help, double value, String... labels) {
        counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build());
        return this;
    }

    /** The families with at least one point. */
    MetricSnapshots build() {
        List<MetricSnapshot> all = new ArrayList<>();
        gauges.values().forEach(b -> all.add(b.build()));
        counters.values().forEach(b -> all.add(b.build()));
        return new MetricSnapshots(all);
    }
}
