package org.assessmentruntime.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 3, throughput: trivial plugin runs per second with 1 or 4 callers at once (JMH threads)
 * on this machine, each run a fresh instance of a prepared module, as the scheduler's workers call
 * the runtime concurrently. The executor allows {@value #MAX_CONCURRENT_RUNS} runs at once, the runtime's
 * default ({@code maxConcurrentRuns}); further callers wait for a permit.
 * <ul>
 * <li>{@code executor*}: {@code WasmExecutor.execute} with the trivial workload of benchmark 1;</li>
 * <li>{@code pluginRunner*}: the job runner's {@link PluginRunner#run}, the real per-run path: the
 * configuration checked against the manifest's schema, the context written as stdin, the run, the
 * plugin's output parsed strictly and turned into an {@link AssessmentResult} with provenance (storing
 * the result is not included; that is benchmark 4's durable store). The plugin is
 * {@code trivial_plugin.c}, which prints a valid ABI v1 output.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ThroughputBenchmark {

    /** The runtime's default of the executor's {@code maxConcurrentRuns}. */
    static final int MAX_CONCURRENT_RUNS = 4;

    /** The trivial plugin's module name (compiled by run.sh). */
    static final String PLUGIN = "trivial_plugin";

    /** One engine behind an executor, with both workloads prepared. */
    @State(Scope.Benchmark)
    public static class Engine {

        @Param({EngineHarness.CHICORY, EngineHarness.WASMTIME})
        public String engine;

        EngineHarness harness;
        ExecutionRequest request;
        PluginRunner runner;
        PluginPackage plugin;
        PluginRef ref;
        JobContext context;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            harness = new EngineHarness(engine, MAX_CONCURRENT_RUNS);
            request = harness.request(Workloads.TRIVIAL, Workloads.wasm(Workloads.TRIVIAL), Workloads.trivialInput());
            harness.prepare(request);
            Workloads.check(engine, harness.execute(request).stdout(), Workloads.expectedTrivialOutput());

            plugin = PluginPackage.of(PluginPackage.readDescriptor(resource("trivial-plugin.json"),
                    "trivial-plugin.json"), Workloads.wasm(PLUGIN));
            harness.executor().prepare(plugin.digest(), plugin.module(), engine);
            runner = new PluginRunner(harness.executor(), "benchmark-runtime", Clock.systemUTC(), name -> null);
            ref = new PluginRef(plugin.descriptor().name(), PluginRef.ANY);
            context = new JobContext(JobContext.ABI_VERSION, UUID.randomUUID(), "job-1", "task-1", "activity-1",
                    "plan-1", null, "ac-2", Map.of("configPath", "/etc/ssh/sshd_config", "maxAuthTries", 4,
                            "forbidRootLogin", true), null);
            check(run());
        }

        AssessmentResult run() {
            return runner.run(plugin, ref, context, null, org.assessmentruntime.jobrunner.RunOptions.DEFAULT
                    .withEngine(engine));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            harness.close();
        }
    }

    /** Fails unless the run passed with its observation: an ERROR result must never count as a fast run. */
    static AssessmentResult check(AssessmentResult result) {
        if (result.status() != ResultStatus.PASS || result.observations().size() != 1) {
            throw new IllegalStateException("the trivial plugin did not pass: " + result.status() + " "
                    + result.errorKind() + " " + result.reason());
        }
        return result;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ThroughputBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One caller. */
    @Benchmark
    @Threads(1)
    public ExecutionOutcome executor1(Engine state) {
        return state.harness.execute(state.request);
    }

    /** Four callers at once. */
    @Benchmark
    @Threads(4)
    public ExecutionOutcome executor4(Engine state) {
        return state.harness.execute(state.request);
    }

    /** One caller through the job runner's PluginRunner. */
    @Benchmark
    @Threads(1)
    public AssessmentResult pluginRunner1(Engine state) {
        return check(state.run());
    }

    /** Four callers through the job runner's PluginRunner. */
    @Benchmark
    @Threads(4)
    public AssessmentResult pluginRunner4(Engine state) {
        return check(state.run());
    }
}
