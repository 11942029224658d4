package org.assessmentruntime.enginechicory;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.enginechicory.internal.ChicoryEngine;

/** Creates the Chicory engine outside OSGi. */
public final class ChicoryEngines {

    private ChicoryEngines() {
    }

    /**
     * A new Chicory engine: pure Java, runs everywhere. Close it (it is {@link AutoCloseable}) to stop
     * its worker threads when done.
     *
     * @return the engine, named {@code chicory}
     */
    public static WasmEngine create() {
        return new ChicoryEngine();
    }
}
