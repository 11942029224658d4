package org.assessmentruntime.enginechicory.internal;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.wasmexecutor.HostileEngineTest;
import org.junit.jupiter.api.AfterAll;

/** Hostile modules against the host's descriptors and memory, on Chicory. */
class HostileChicoryTest extends HostileEngineTest {

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
