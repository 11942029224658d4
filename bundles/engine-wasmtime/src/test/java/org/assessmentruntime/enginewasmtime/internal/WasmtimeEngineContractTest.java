package org.assessmentruntime.enginewasmtime.internal;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.wasmexecutor.EngineContractTest;
import org.junit.jupiter.api.AfterAll;

/** The shared engine contract, on wasmtime. */
class WasmtimeEngineContractTest extends EngineContractTest {

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
