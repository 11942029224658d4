package org.assessmentruntime.benchmarks;

import java.nio.charset.StandardCharsets;
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
 * Benchmark 2, CPU-bound: SHA-256 over 16 MiB generated in-process by the same C source, on each engine
 * (warm: module prepared, fresh instance per run), natively (spawned per run) and under Node's WASI (a
 * whole process per run). Every variant's digest is checked against the JDK's before timing.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class Sha256Benchmark {

    /** The SHA-256 module, prepared on one engine. */
    @State(Scope.Benchmark)
    public static class Engine {

        @Param({EngineHarness.CHICORY, EngineHarness.WASMTIME})
        public String engine;

        EngineHarness harness;
        ExecutionRequest request;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            harness = new EngineHarness(engine);
            request = harness.request(Workloads.SHA256, Workloads.wasm(Workloads.SHA256), new byte[0]);
            harness.prepare(request);
            Workloads.check(engine, harness.execute(request).stdout(),
                    Workloads.expectedSha256Output().getBytes(StandardCharsets.US_ASCII));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            harness.close();
        }
    }

    /** The SHA-256 program's command lines. */
    @State(Scope.Benchmark)
    public static class Process {

        List<String> nativeCommand;
        List<String> nodeCommand;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            nativeCommand = Workloads.nativeCommand(Workloads.SHA256);
            nodeCommand = Workloads.nodeCommand(Workloads.SHA256);
            byte[] expected = Workloads.expectedSha256Output().getBytes(StandardCharsets.US_ASCII);
            Workloads.check("native", Workloads.spawn(nativeCommand, new byte[0]), expected);
            Workloads.check("node", Workloads.spawn(nodeCommand, new byte[0]), expected);
        }
    }

    /** On an engine: module cached, fresh instance. */
    @Benchmark
    public ExecutionOutcome wasm(Engine state) {
        return state.harness.execute(state.request);
    }

    /** The native executable, spawned per run. */
    @Benchmark
    public byte[] nativeSpawn(Process state) throws Exception {
        return Workloads.spawn(state.nativeCommand, new byte[0]);
    }

    /** The module under Node's WASI, a whole process per run. */
    @Benchmark
    public byte[] nodeWasi(Process state) throws Exception {
        return Workloads.spawn(state.nodeCommand, new byte[0]);
    }
}
