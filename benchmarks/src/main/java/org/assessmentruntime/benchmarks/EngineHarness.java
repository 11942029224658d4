package org.assessmentruntime.benchmarks;

import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.enginechicory.ChicoryEngines;
import org.assessmentruntime.enginewasmtime.WasmtimeEngines;
import org.assessmentruntime.wasmexecutor.WasmExecutors;

/**
 * One engine behind the runtime's own executor ({@link WasmExecutors}, as outside OSGi): the path a
 * plugin run takes in the runtime, with its module cache, limits and output capture.
 */
final class EngineHarness implements AutoCloseable {

    static final String CHICORY = "chicory";
    static final String WASMTIME = "wasmtime";

    private final WasmEngine engine;
    private final WasmExecutor executor;

    EngineHarness(String engineName) {
        this(engineName, 2);
    }

    /** With as many runs at once as the executor allows ({@code maxConcurrentRuns}; 4 in the runtime). */
    EngineHarness(String engineName, int maxConcurrentRuns) {
        engine = create(engineName);
        executor = WasmExecutors.create(engineName, maxConcurrentRuns, List.of(engine));
    }

    private static WasmEngine create(String engineName) {
        try {
            return switch (engineName) {
                case CHICORY -> ChicoryEngines.create();
                case WASMTIME -> WasmtimeEngines.create();
                default -> throw new IllegalArgumentException("no engine named " + engineName);
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the " + engineName + " engine: " + e, e);
        }
    }

    WasmExecutor executor() {
        return executor;
    }

    /** A run of a workload's module on this engine, with the runtime's default limits. */
    ExecutionRequest request(String workload, byte[] module, byte[] stdin) {
        return new ExecutionRequest(Digest.sha256(module), module, stdin, List.of(workload), Map.of(), List.of(),
                ResourceLimits.DEFAULTS, engine.name());
    }

    /** Compiles the module into the executor's cache, as when a plugin is installed. */
    void prepare(ExecutionRequest request) throws Exception {
        executor.prepare(request.moduleDigest(), request.module(), engine.name());
    }

    /** Runs and fails on anything but exit code 0, so that a failing run is never timed as a fast one. */
    ExecutionOutcome execute(ExecutionRequest request) {
        ExecutionOutcome outcome = executor.execute(request);
        if (!outcome.succeeded()) {
            throw new IllegalStateException(engine.name() + " run failed: " + outcome + " stderr: "
                    + new String(outcome.stderr(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return outcome;
    }

    @Override
    public void close() throws Exception {
        if (executor instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (engine instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
