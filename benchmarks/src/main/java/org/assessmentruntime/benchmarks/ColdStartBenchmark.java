package org.assessmentruntime.benchmarks;

import java.util.concurrent.TimeUnit;

import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1, cold: the trivial plugin's module compiled (WasmExecutor.prepare, as at installation)
 * and run once, in a warmed-up JVM whose engine has not seen the module: the module is evicted from
 * the executor's cache before every iteration. One invocation per iteration (single shot).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
public class ColdStartBenchmark {

    /** The trivial module, evicted before each iteration. */
    @State(Scope.Benchmark)
    public static class Engine {

        @Param({EngineHarness.CHICORY, EngineHarness.WASMTIME})
        public String engine;

        EngineHarness harness;
        ExecutionRequest request;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            harness = new EngineHarness(engine);
            request = harness.request(Workloads.TRIVIAL, Workloads.wasm(Workloads.TRIVIAL), Workloads.trivialInput());
            Workloads.check(engine, harness.execute(request).stdout(), Workloads.expectedTrivialOutput());
        }

        @Setup(Level.Iteration)
        public void evict() {
            harness.executor().evict(request.moduleDigest());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            harness.close();
        }
    }

    /** Prepare, then the first run. */
    @Benchmark
    public ExecutionOutcome prepareAndFirstRun(Engine state) throws Exception {
        state.harness.prepare(state.request);
        return state.harness.execute(state.request);
    }
}
