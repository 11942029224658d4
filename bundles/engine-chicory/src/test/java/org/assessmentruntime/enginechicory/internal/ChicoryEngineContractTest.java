package org.assessmentruntime.enginechicory.internal;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.wasmexecutor.EngineContractTest;
import org.junit.jupiter.api.AfterAll;

/** The shared engine contract, on Chicory. */
class ChicoryEngineContractTest extends EngineContractTest {

    private final ChicoryEngine engine = new ChicoryEngine();

    @Override
    protected WasmEngine engine() {
        return engine;
    }

    @AfterAll
    void closeEngine() {
        engine.close();
    }
}
