package org.assessmentruntime.enginewasmtime.internal;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.wasmexecutor.HostileEngineTest;
import org.junit.jupiter.api.AfterAll;

/** Hostile modules against the host's descriptors and memory, on wasmtime. */
class HostileWasmtimeTest extends HostileEngineTest {

    private final WasmtimeEngine engine = TestEngines.create();

    @Override
    protected WasmEngine engine() {
        return engine;
    }

    @AfterAll
    void closeEngine() {
        engine.close();
    }
}
