package org.assessmentruntime.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The second table: benchmarks 3–7, whose figures are rates, drifts and CPU shares rather than times per
 * invocation. Throughput comes from JMH ({@link ThroughputBenchmark}, one value per measurement
 * iteration), delivery and scheduler from the whole-process {@link Scenarios} (one value per round or
 * window). Each as median with min–max, goals and verdicts on the median, then ratios of medians from
 * the same run.
 */
final class Figures {

    private Figures() {
    }

    /** A row: where its values come from, their unit, and the goal on the median if there is one. */
    private record Metric(String section, String label, String key, String unit, String goal,
            DoublePredicate met) {

        Metric(String section, String label, String key, String unit) {
            this(section, label, key, unit, "", null);
        }
    }

    private record Value(double median, double min, double max, long n, String count) {
    }

    private record Ratio(String label, String numerator, String denominator) {
    }

    private static final String RUNS = "runs/s";
    private static final String RESULTS = "results/s";
    private static final DoublePredicate THOUSAND = v -> v >= 1_000;
    private static final DoublePredicate TWENTY_THOUSAND = v -> v >= 20_000;

    private static String jmh(String method, String engine) {
        return "ThroughputBenchmark." + method + "[" + engine + "]";
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("3. throughput, trivial plugin, runs/s (executor: maxConcurrentRuns 4)",
                    "chicory, WasmExecutor.execute, 1 caller", jmh("executor1", "chicory"), RUNS),
            new Metric("", "chicory, WasmExecutor.execute, 4 callers", jmh("executor4", "chicory"), RUNS),
            new Metric("", "chicory, PluginRunner.run (schema check, run, output parsed, result built), 1 caller",
                    jmh("pluginRunner1", "chicory"), RUNS),
            new Metric("", "chicory, PluginRunner.run, 4 callers", jmh("pluginRunner4", "chicory"), RUNS,
                    "≥ 1,000 runs/s", THOUSAND),
            new Metric("", "wasmtime, WasmExecutor.execute, 1 caller", jmh("executor1", "wasmtime"), RUNS),
            new Metric("", "wasmtime, WasmExecutor.execute, 4 callers", jmh("executor4", "wasmtime"), RUNS),
            new Metric("", "wasmtime, PluginRunner.run, 1 caller", jmh("pluginRunner1", "wasmtime"), RUNS),
            new Metric("", "wasmtime, PluginRunner.run, 4 callers", jmh("pluginRunner4", "wasmtime"), RUNS,
                    "≥ 1,000 runs/s", THOUSAND),
            new Metric("4. result delivery, durable store → control plane on loopback (10,000 results)",
                    "storing the backlog first, as a connected runtime does: evidence rendered, one commit + sync per result (not a goal)", "delivery.store", RESULTS),
            new Metric("", "delivered, deliveryBatchSize 100 (the default before this change): one request + one sync per batch",
                    "delivery.batch100", RESULTS, "≥ 20,000 results/s", TWENTY_THOUSAND),
            new Metric("", "delivered, deliveryBatchSize 1000 (the maximum, now the default)", "delivery.batch1000", RESULTS,
                    "≥ 20,000 results/s", TWENTY_THOUSAND),
            new Metric("", "delivered, batch 1000, to a minimal receiver (JDK HttpServer: parse, dedupe, 201)",
                    "delivery.sink.batch1000", RESULTS,
                    "≥ 20,000 results/s", TWENTY_THOUSAND),
            new Metric("", "delivered, batch 1000, results stored while standalone (no evidence kept: rendered at delivery)",
                    "delivery.standalone.batch1000", RESULTS),
            new Metric("", "delivered one request per result (the real control plane's API has no batch endpoint), "
                    + "4 in flight (deliveryConcurrency, the default), first 2,000 results", "delivery.single", RESULTS,
                    "≥ 20,000 results/s", TWENTY_THOUSAND),
            new Metric("", "delivered one request per result, one at a time (deliveryConcurrency 1), first 2,000 results",
                    "delivery.single.c1", RESULTS),
            new Metric("", "delivered one request per result, control plane answering 5 ms late (a network's round trip), "
                    + "4 in flight, first 500 results", "delivery.single.remote", RESULTS),
            new Metric("", "the same, one at a time (deliveryConcurrency 1)", "delivery.single.remote.c1", RESULTS),
            new Metric("", "one request per result through the real control-plane link (token, mutual TLS, kept-alive "
                    + "connections), 4 in flight, first 2,000 results", "delivery.link.tls", RESULTS,
                    "≥ 8,000 results/s", v -> v >= 8_000),
            new Metric("", "the same, control plane answering 5 ms late, first 500 results", "delivery.link.tls.remote",
                    RESULTS, "≥ 640 results/s (80 % of 4 in flight / 5 ms)", v -> v >= 640),
            new Metric("", "backlog drain after an outage (batch 1000), from the first batch accepted",
                    "delivery.drain", RESULTS),
            new Metric("", "control plane up → first batch accepted (the back-off)", "delivery.resume", "ms"),
            new Metric("5. scheduler, 10,000 jobs (5,000 cron, 5,000 interval; each fires every 30 s)",
                    "start-time drift p50, per 10 s window", "scheduler.drift.p50", "ms"),
            new Metric("", "start-time drift p99, per 10 s window", "scheduler.drift.p99", "ms", "p99 < 100 ms",
                    v -> v < 100),
            new Metric("", "start-time drift max, per 10 s window", "scheduler.drift.max", "ms"),
            new Metric("", "fires measured (n: expected over the windows)", "scheduler.fires", "fires/s"),
            new Metric("", "arming 10,000 jobs whose fire times are on record (a restart)", "scheduler.schedule",
                    "ms"),
            new Metric("", "diagnostic (--scenarios scheduler-nofile): drift p99 with the fire-times file writes "
                    + "failing at once", "scheduler.nofile.drift.p99", "ms", "p99 < 100 ms", v -> v < 100),
            new Metric("", "diagnostic: drift max, same", "scheduler.nofile.drift.max", "ms"),
            new Metric("", "CPU of all Java threads while idle, no scheduler (same JVM, before), 8 s",
                    "scheduler.idle.baseline", "% of a core"),
            new Metric("", "CPU of all Java threads, 10,000 jobs scheduled, none firing, 8 s", "scheduler.idle",
                    "% of a core"),
            new Metric("", "CPU of that idle scheduler's own threads over the drift measurement (> 1 min, with "
                    + "every timer's once-a-minute re-check)", "scheduler.idle.threads", "% of a core"),
            new Metric("6. durable results stored (the collector's store: each result committed and synced before "
                    + "its producer learns it is stored; group commit)", "1 producer calling store, 2,000 results",
                    "store.sync.p1", RESULTS),
            new Metric("", "4 producers calling store (each waits for its own result), 20,000 results", "store.sync.p4",
                    RESULTS),
            new Metric("", "4 producers, 256 results in flight each (storeAsync: durability reported later), 20,000 "
                    + "results", "store.async.p4", RESULTS, "≥ 20,000 results/s", TWENTY_THOUSAND),
            new Metric("7. end to end: scheduler (50 jobs every 1 s) → JobRunnerService (trivial plugin, chicory) → "
                    + "durable store → delivered, per 10 s window", "standalone: results stored", "e2e.standalone.stored",
                    RESULTS),
            new Metric("", "standalone: run end → stored (store returned), p50", "e2e.standalone.stored.p50", "ms"),
            new Metric("", "standalone: run end → stored, p99", "e2e.standalone.stored.p99", "ms"),
            new Metric("", "standalone: run end → stored, max", "e2e.standalone.stored.max", "ms"),
            new Metric("", "connected (real link: token, mTLS; one request per result, 4 in flight): results stored",
                    "e2e.connected.stored", RESULTS),
            new Metric("", "connected: results delivered (control plane's 2xx)", "e2e.connected.delivered", RESULTS),
            new Metric("", "connected: run end → stored, p50", "e2e.connected.stored.p50", "ms"),
            new Metric("", "connected: run end → stored, p99", "e2e.connected.stored.p99", "ms"),
            new Metric("", "connected: run end → stored, max", "e2e.connected.stored.max", "ms"),
            new Metric("", "connected: run end → control plane's 2xx, p50", "e2e.connected.delivered.p50", "ms"),
            new Metric("", "connected: run end → control plane's 2xx, p99", "e2e.connected.delivered.p99", "ms"),
            new Metric("", "connected: run end → control plane's 2xx, max", "e2e.connected.delivered.max", "ms"));

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("chicory executor: 4 callers / 1 caller", jmh("executor4", "chicory"),
                    jmh("executor1", "chicory")),
            new Ratio("wasmtime executor: 4 callers / 1 caller", jmh("executor4", "wasmtime"),
                    jmh("executor1", "wasmtime")),
            new Ratio("chicory, 1 caller: PluginRunner / executor", jmh("pluginRunner1", "chicory"),
                    jmh("executor1", "chicory")),
            new Ratio("wasmtime, 1 caller: PluginRunner / executor", jmh("pluginRunner1", "wasmtime"),
                    jmh("executor1", "wasmtime")),
            new Ratio("PluginRunner, 4 callers: chicory / wasmtime", jmh("pluginRunner4", "chicory"),
                    jmh("pluginRunner4", "wasmtime")),
            new Ratio("delivery: batch 1000 / batch 100", "delivery.batch1000", "delivery.batch100"),
            new Ratio("delivery, batch 1000: minimal receiver / reference control plane", "delivery.sink.batch1000",
                    "delivery.batch1000"),
            new Ratio("delivery, batch 1000: evidence rendered at delivery / kept with the result",
                    "delivery.standalone.batch1000", "delivery.batch1000"),
            new Ratio("delivery, one request per result: 4 in flight / one at a time", "delivery.single",
                    "delivery.single.c1"),
            new Ratio("delivery, one request per result, 5 ms answers: 4 in flight / one at a time",
                    "delivery.single.remote", "delivery.single.remote.c1"),
            new Ratio("delivery: one request per result / batches (1000)", "delivery.single", "delivery.batch1000"),
            new Ratio("delivery: drain after outage / steady delivery (batch 1000)", "delivery.drain", "delivery.batch1000"),
            new Ratio("idle CPU: 10,000 jobs / no scheduler", "scheduler.idle", "scheduler.idle.baseline"),
            new Ratio("end to end, run end → stored p99: connected / standalone", "e2e.connected.stored.p99",
                    "e2e.standalone.stored.p99"));

    static boolean isThroughput(RunResult result) {
        return result.getParams().getMode() == Mode.Throughput;
    }

    static String report(Collection<RunResult> results, Map<String, ScenarioFigure> scenarios, String pkg) {
        Map<String, Value> values = new TreeMap<>();
        for (RunResult result : results) {
            if (!isThroughput(result)) {
                continue;
            }
            String method = result.getParams().getBenchmark().substring(pkg.length() + 1);
            String engine = result.getParams().getParam("engine");
            Statistics stats = result.getPrimaryResult().getStatistics();
            values.put(method + "[" + engine + "]", new Value(stats.getPercentile(50), stats.getMin(), stats.getMax(),
                    stats.getN(), stats.getN() + " iterations"));
        }
        scenarios.forEach((key, f) -> values.put(key, new Value(f.median(), f.min(), f.max(), f.n(),
                f.values().length + (f.values().length == 1 ? " value" : " values") + (f.n() > 0 ? ", n " + f.n()
                        : ""))));

        StringBuilder md = new StringBuilder("\n| Figure | Variant | median | min – max | from | goal | verdict |\n");
        md.append("|---|---|---:|---:|---|---|---|\n");
        for (Metric metric : METRICS) {
            Value v = values.get(metric.key());
            md.append("| ").append(metric.section()).append(" | ").append(metric.label()).append(" | ");
            if (v == null) {
                md.append("not run | | | ").append(metric.goal()).append(" | |\n");
                continue;
            }
            md.append(format(v.median(), metric.unit())).append(" | ").append(format(v.min(), metric.unit()))
                    .append(" – ").append(format(v.max(), metric.unit())).append(" | ").append(v.count()).append(" | ")
                    .append(metric.goal()).append(" | ");
            if (metric.met() != null) {
                md.append(metric.met().test(v.median()) ? "met" : "**missed**");
            }
            md.append(" |\n");
        }
        md.append("\n| Comparison (same run) | ratio of medians | ratio of minima |\n|---|---:|---:|\n");
        for (Ratio ratio : RATIOS) {
            Value a = values.get(ratio.numerator());
            Value b = values.get(ratio.denominator());
            md.append("| ").append(ratio.label()).append(" | ");
            if (a == null || b == null) {
                md.append("not run | |\n");
            } else {
                md.append(times(a.median(), b.median())).append(" | ").append(times(a.min(), b.min())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String format(double value, String unit) {
        if (unit.equals("ms")) {
            return BenchMain.ms(value);
        }
        if (unit.startsWith("%")) {
            return String.format(Locale.ROOT, "%.3f %s", value, unit);
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f %s" : "%.1f %s", value, unit);
    }

    private static String times(double numerator, double denominator) {
        if (denominator <= 0) {
            return "n/a";
        }
        double ratio = numerator / denominator;
        return String.format(Locale.ROOT, ratio >= 10 ? "%.1f×" : "%.2f×", ratio);
    }
}
