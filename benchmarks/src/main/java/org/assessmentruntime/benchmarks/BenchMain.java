package org.assessmentruntime.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs every benchmark of this module in one go and prints one table: each figure as median with
 * min–max, then the comparisons as ratios of medians measured in this same run, against the goals.
 * Started by {@code run.sh}, which compiles the workloads first.
 *
 * <pre>
 * options: --quick              short iterations, to check that everything runs (figures not usable)
 *          --include REGEX      only the benchmarks matching (JMH include; repeatable)
 *          --param NAME=V1,V2   only these parameter values, e.g. engine=chicory (repeatable)
 *          --prof NAME[:OPTS]   a JMH profiler, e.g. jfr (recordings in DIR/jfr), gc, stack (repeatable)
 *          --out DIR            where results.md, jmh.json go (default target/bench)
 *          --scenarios LIST     whole-process scenarios to run after JMH: store,delivery,scheduler,e2e (default), or
 *                               none; with --include the default is none
 * </pre>
 */
public final class BenchMain {

    private static final String PACKAGE = BenchMain.class.getPackageName();

    private BenchMain() {
    }

    /** One row of the table: a benchmark method, and the engine parameter when it has one. */
    private record Row(String section, String label, String method, String engine) {

        String key() {
            return key(method, engine);
        }

        static String key(String method, String engine) {
            return engine == null ? method : method + "[" + engine + "]";
        }
    }

    private record Figure(double median, double min, double max, long n) {
    }

    private record Ratio(String label, String numerator, String denominator, String goal, Double limit) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("1. trivial plugin, ~1 KB JSON in / ~1 KB out", "chicory, warm: module prepared, fresh instance, WasmExecutor.execute",
                    "TrivialBenchmark.wasmWarm", EngineHarness.CHICORY),
            new Row("", "wasmtime, warm: module prepared, fresh instance, WasmExecutor.execute",
                    "TrivialBenchmark.wasmWarm", EngineHarness.WASMTIME),
            new Row("", "native (gcc -O2), spawned from Java: ProcessBuilder, stdin, stdout, waitFor",
                    "TrivialBenchmark.nativeSpawn", null),
            new Row("", "node WASI (node:wasi), whole process, spawned from Java",
                    "TrivialBenchmark.nodeWasi", null),
            new Row("", "chicory, cold: WasmExecutor.prepare + first run",
                    "ColdStartBenchmark.prepareAndFirstRun", EngineHarness.CHICORY),
            new Row("", "wasmtime, cold: WasmExecutor.prepare + first run",
                    "ColdStartBenchmark.prepareAndFirstRun", EngineHarness.WASMTIME),
            new Row("2. CPU-bound plugin, SHA-256 over 16 MiB", "chicory: module prepared, fresh instance, WasmExecutor.execute",
                    "Sha256Benchmark.wasm", EngineHarness.CHICORY),
            new Row("", "wasmtime: module prepared, fresh instance, WasmExecutor.execute",
                    "Sha256Benchmark.wasm", EngineHarness.WASMTIME),
            new Row("", "native (gcc -O2), spawned from Java", "Sha256Benchmark.nativeSpawn", null),
            new Row("", "node WASI (node:wasi), whole process, spawned from Java", "Sha256Benchmark.nodeWasi", null));

    private static final String WARM_CHICORY = Row.key("TrivialBenchmark.wasmWarm", EngineHarness.CHICORY);
    private static final String WARM_WASMTIME = Row.key("TrivialBenchmark.wasmWarm", EngineHarness.WASMTIME);
    private static final String WARM_NATIVE = "TrivialBenchmark.nativeSpawn";
    private static final String WARM_NODE = "TrivialBenchmark.nodeWasi";
    private static final String COLD_CHICORY = Row.key("ColdStartBenchmark.prepareAndFirstRun", EngineHarness.CHICORY);
    private static final String COLD_WASMTIME = Row.key("ColdStartBenchmark.prepareAndFirstRun", EngineHarness.WASMTIME);
    private static final String SHA_CHICORY = Row.key("Sha256Benchmark.wasm", EngineHarness.CHICORY);
    private static final String SHA_WASMTIME = Row.key("Sha256Benchmark.wasm", EngineHarness.WASMTIME);
    private static final String SHA_NATIVE = "Sha256Benchmark.nativeSpawn";
    private static final String SHA_NODE = "Sha256Benchmark.nodeWasi";

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("trivial: chicory warm / native spawn", WARM_CHICORY, WARM_NATIVE, "≤ 0.1×", 0.1),
            new Ratio("trivial: wasmtime warm / native spawn", WARM_WASMTIME, WARM_NATIVE, "", null),
            new Ratio("trivial: node WASI process / native spawn", WARM_NODE, WARM_NATIVE, "", null),
            new Ratio("trivial: chicory cold / native spawn", COLD_CHICORY, WARM_NATIVE, "", null),
            new Ratio("trivial: wasmtime cold / native spawn", COLD_WASMTIME, WARM_NATIVE, "", null),
            new Ratio("SHA-256: chicory / native", SHA_CHICORY, SHA_NATIVE, "≤ 2×", 2.0),
            new Ratio("SHA-256: wasmtime / native", SHA_WASMTIME, SHA_NATIVE, "≤ 1.2×", 1.2),
            new Ratio("SHA-256: wasmtime / node WASI", SHA_WASMTIME, SHA_NODE, "< 1× (faster than node)", 1.0),
            new Ratio("SHA-256: node WASI / native", SHA_NODE, SHA_NATIVE, "", null),
            new Ratio("SHA-256: chicory / wasmtime", SHA_CHICORY, SHA_WASMTIME, "", null));

    /**
     * Entry point.
     *
     * @param args see the class comment
     * @throws Exception if a variant prints the wrong output or a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> includes = new ArrayList<>();
        List<String> profilers = new ArrayList<>();
        Map<String, String[]> params = new TreeMap<>();
        Path out = Path.of("target", "bench");
        String scenarios = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--include" -> includes.add(args[++i]);
                case "--prof" -> profilers.add(args[++i]);
                case "--param" -> {
                    String[] param = args[++i].split("=", 2);
                    params.put(param[0], param[1].split(","));
                }
                case "--out" -> out = Path.of(args[++i]);
                case "--scenarios" -> scenarios = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --quick, --include REGEX, --param NAME=V1,V2, --prof NAME[:OPTS], --out DIR, "
                        + "--scenarios store,delivery,scheduler,e2e|none");
            }
        }
        Files.createDirectories(out);
        if (scenarios == null) {
            scenarios = includes.isEmpty() ? "store,delivery,scheduler,e2e" : "none";
        }

        String loadBefore = loadAverage();
        String machine = machine();
        System.out.println(machine);
        System.out.println("load average before: " + loadBefore);

        String digest = Verify.all();
        System.out.println("verified: every variant prints the expected output; SHA-256 digest " + digest);

        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgsAppend("-Xms2g", "-Xmx2g")
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh.json").toString())
                .shouldFailOnError(true);
        if (includes.isEmpty()) {
            options.include(Pattern.quote(PACKAGE) + "\\..*");
        } else {
            includes.forEach(options::include);
        }
        params.forEach(options::param);
        for (String profiler : profilers) {
            int colon = profiler.indexOf(':');
            if (profiler.equals("jfr")) {
                // Recordings under the output directory, sampled as JFR's "profile" settings do (10 ms).
                options.addProfiler("jfr", "dir=" + out.resolve("jfr").toAbsolutePath() + ";configName=profile");
            } else if (colon < 0) {
                options.addProfiler(profiler);
            } else {
                options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
            }
        }
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
        }
        long start = System.nanoTime();
        Collection<RunResult> results = new Runner(options.build()).run();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String loadAfterJmh = loadAverage();

        Map<String, ScenarioFigure> scenarioFigures = new TreeMap<>();
        long scenarioStart = System.nanoTime();
        for (String scenario : scenarios.split(",")) {
            if (!scenario.isBlank() && !scenario.equals("none")) {
                ScenarioRunner.run(scenario.strip(), quick, scenarioFigures);
            }
        }
        long scenarioSeconds = (System.nanoTime() - scenarioStart) / 1_000_000_000L;
        String loadAfter = loadAfterJmh + "; after the scenarios (" + scenarioSeconds + " s): " + loadAverage();

        String report = report(results, machine, loadBefore, loadAfter, digest, seconds, quick)
                + Figures.report(results, scenarioFigures, PACKAGE);
        Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("=".repeat(100));
        System.out.print(report);
        System.out.println("=".repeat(100));
        System.out.println("(also in " + out.resolve("results.md") + "; JMH's raw results in " + out.resolve("jmh.json") + ")");
    }

    private static String report(Collection<RunResult> results, String machine, String loadBefore, String loadAfter,
            String digest, long seconds, boolean quick) {
        Map<String, Figure> figures = new TreeMap<>();
        for (RunResult result : results) {
            if (Figures.isThroughput(result)) {
                continue; // in the second table (Figures)
            }
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(PACKAGE.length() + 1);
            String engine = result.getParams().getParam("engine");
            Statistics stats = result.getPrimaryResult().getStatistics();
            double toMillis = toMillis(result.getPrimaryResult().getScoreUnit());
            figures.put(Row.key(method, engine), new Figure(stats.getPercentile(50) * toMillis,
                    stats.getMin() * toMillis, stats.getMax() * toMillis, stats.getN()));
        }

        StringBuilder md = new StringBuilder();
        md.append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(", JMH measurement ").append(seconds).append(" s")
                .append(quick ? " — QUICK MODE: short iterations, figures not usable" : "").append('\n');
        md.append("Machine: ").append(machine.replace("\n", "; ")).append('\n');
        md.append("Load average (1, 5, 15 min) when run.sh started: ")
                .append(System.getProperty("bench.loadAtStart", "not recorded")).append("; before measuring: ")
                .append(loadBefore).append("; after: ").append(loadAfter).append('\n');
        md.append("Outputs checked before timing: trivial output identical on all variants; SHA-256 digest ")
                .append(digest).append(" on all variants and the JDK's MessageDigest\n\n");

        md.append("| Workload | Variant | median | min – max | samples |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (Row row : ROWS) {
            Figure f = figures.get(row.key());
            md.append("| ").append(row.section()).append(" | ").append(row.label()).append(" | ");
            if (f == null) {
                md.append("not run | | |\n");
            } else {
                md.append(ms(f.median())).append(" | ").append(ms(f.min())).append(" – ").append(ms(f.max()))
                        .append(" | ").append(f.n()).append(" |\n");
            }
        }

        md.append("\n| Comparison (same run) | ratio of medians | ratio of minima | goal | verdict |\n");
        md.append("|---|---:|---:|---|---|\n");
        for (Ratio ratio : RATIOS) {
            Figure a = figures.get(ratio.numerator());
            Figure b = figures.get(ratio.denominator());
            md.append("| ").append(ratio.label()).append(" | ");
            if (a == null || b == null) {
                md.append("not run | | ").append(ratio.goal()).append(" | |\n");
                continue;
            }
            double median = a.median() / b.median();
            md.append(times(median)).append(" | ").append(times(a.min() / b.min())).append(" | ").append(ratio.goal())
                    .append(" | ");
            if (ratio.limit() != null) {
                boolean met = ratio.limit() == 1.0 ? median < 1.0 : median <= ratio.limit();
                md.append(met ? "met" : "**missed**");
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    private static double toMillis(String unit) {
        return switch (unit.substring(0, unit.indexOf('/') < 0 ? unit.length() : unit.indexOf('/'))) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
    }

    /** Milliseconds with three significant digits. */
    static String ms(double millis) {
        String number;
        if (millis >= 100) {
            number = String.format(Locale.ROOT, "%.0f", millis);
        } else if (millis >= 10) {
            number = String.format(Locale.ROOT, "%.1f", millis);
        } else if (millis >= 1) {
            number = String.format(Locale.ROOT, "%.2f", millis);
        } else {
            number = String.format(Locale.ROOT, "%.3f", millis);
        }
        return number + " ms";
    }

    private static String times(double ratio) {
        return (ratio >= 10 ? String.format(Locale.ROOT, "%.1f", ratio) : ratio >= 0.1
                ? String.format(Locale.ROOT, "%.2f", ratio) : String.format(Locale.ROOT, "%.3f", ratio)) + "×";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String machine() {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux
        }
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", CPU " + cpu + "\n"
                + "java " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
                + "node " + firstLine("node", "--version") + ", " + firstLine("gcc", "--version") + ", "
                + firstLine("clang", "--version");
    }

    private static String firstLine(String... command) {
        try {
            String out = new String(Workloads.spawn(List.of(command), new byte[0]), StandardCharsets.UTF_8).trim();
            int newline = out.indexOf('\n');
            return newline < 0 ? out : out.substring(0, newline);
        } catch (IOException | RuntimeException e) {
            return command[0] + " unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command[0] + " unknown";
        }
    }
}
