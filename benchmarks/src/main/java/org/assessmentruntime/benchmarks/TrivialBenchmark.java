package org.assessmentruntime.benchmarks;

import java.util.List;
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
 * Benchmark 1, warm: one invocation of the trivial plugin (about 1 KB of JSON in on stdin, 1 KB out)
 * <ul>
 * <li>on each engine through {@code WasmExecutor.execute}, its module compiled once beforehand and
 * instantiated afresh for every run, as the runtime runs an installed plugin;</li>
 * <li>as the same C program compiled natively, spawned from Java for every run (write stdin, read
 * stdout, wait for the exit);</li>
 * <li>as the same module run by Node's WASI, a whole {@code node} process per run.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrivialBenchmark {

    /** The trivial module, prepared on one engine. */
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
            harness.prepare(request);
            Workloads.check(engine, harness.execute(request).stdout(), Workloads.expectedTrivialOutput());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            harness.close();
        }
    }

    /** The trivial program's command lines and input. */
    @State(Scope.Benchmark)
    public static class Process {

        byte[] input;
        List<String> nativeCommand;
        List<String> nodeCommand;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            input = Workloads.trivialInput();
            nativeCommand = Workloads.nativeCommand(Workloads.TRIVIAL);
            nodeCommand = Workloads.nodeCommand(Workloads.TRIVIAL);
            byte[] expected = Workloads.expectedTrivialOutput();
            Workloads.check("native", Workloads.spawn(nativeCommand, input), expected);
            Workloads.check("node", Workloads.spawn(nodeCommand, input), expected);
        }
    }

    /** Warm run on an engine: module cached, fresh instance. */
    @Benchmark
    public ExecutionOutcome wasmWarm(Engine state) {
        return state.harness.execute(state.request);
    }

    /** The native executable, spawned per run. */
    @Benchmark
    public byte[] nativeSpawn(Process state) throws Exception {
        return Workloads.spawn(state.nativeCommand, state.input);
    }

    /** The module under Node's WASI, a whole process per run. */
    @Benchmark
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 5, time = 2)
    public byte[] nodeWasi(Process state) throws Exception {
        return Workloads.spawn(state.nodeCommand, state.input);
    }
}
