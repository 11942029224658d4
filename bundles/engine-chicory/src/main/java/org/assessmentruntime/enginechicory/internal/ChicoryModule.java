package org.assessmentruntime.enginechicory.internal;

import java.util.function.Function;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * A module Chicory parsed and compiled: what every run instantiates. Holds no per-run state, so any
 * number of runs share it.
 */
final class ChicoryModule implements WasmEngine.PreparedModule {

    /**
     * The parsed module and the factory of its compiled machines.
     *
     * @param module   the parsed module
     * @param machines creates the compiled code's machine for a new instance
     */
    record Compiled(WasmModule module, Function<Instance, Machine> machines) {
    }

    private final Digest digest;
    // Dropped on close so that the generated classes and their class loader can be collected once the
    // runs in progress, which hold their own reference, have finished.
    private volatile Compiled compiled;

    ChicoryModule(Digest digest, Compiled compiled) {
        this.digest = digest;
        this.compiled = compiled;
    }

    @Override
    public Digest digest() {
        return digest;
    }

    /** What a run needs; fails once the module is closed. */
    Compiled compiled() {
        Compiled current = compiled;
        if (current == null) {
            throw new IllegalStateException("module " + digest + " is closed");
        }
        return current;
    }

    @Override
    public void close() {
        compiled = null;
    }

    @Override
    public String toString() {
        return "ChicoryModule[" + digest + (compiled == null ? ", closed]" : "]");
    }
}
