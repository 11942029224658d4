package org.assessmentruntime.wasmexecutor;

import java.util.Collection;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.wasmexecutor.internal.WasmExecutorService;

/**
 * Builds a {@link WasmExecutor} outside OSGi, with the engines given instead of those registered as
 * services. Behaves exactly as the runtime's executor: module cache, limits, typed failures.
 */
public final class WasmExecutors {

    private WasmExecutors() {
    }

    /**
     * An executor over the given engines.
     *
     * @param defaultEngine     the engine for requests that name none, e.g. {@code chicory}
     * @param maxConcurrentRuns runs allowed at once (at least 1); further runs wait
     * @param engines           the engines to offer, by their {@link WasmEngine#name()}
     * @return a thread-safe executor
     * @throws IllegalArgumentException if {@code maxConcurrentRuns} is below 1
     */
    public static WasmExecutor create(String defaultEngine, int maxConcurrentRuns, Collection<WasmEngine> engines) {
        WasmExecutorService executor = WasmExecutorService.standalone(defaultEngine, maxConcurrentRuns);
        engines.forEach(executor::bindEngine);
        return executor;
    }
}
