package org.assessmentruntime.enginechicory.internal;

import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * A module Chicory parsed and validated, compiled to JVM byte code when it first runs: what every run
 * instantiates. Holds no per-run state, so any number of runs share it.
 *
 * <p>Why compile on first use and not in {@code prepare}: the runtime prepares every installed plugin
 * when it starts (and each one it installs), and compiling is most of that cost (a few hundred
 * milliseconds per module, and the generated classes' metaspace). Parsing and validating stay in
 * {@code prepare}, so a module that is not valid WebAssembly is still refused at installation; a plugin
 * that never runs is never compiled.
 *
 * <p>Why it keeps the bytes until then and not the parsed module: parsed, a module takes about 30 times
 * its size on the heap (one object per instruction), for as long as the plugin stays installed; parsing
 * it again on the first run costs tens of milliseconds (27 ms warm, 80 ms cold for 130 KB). Once compiled
 * it keeps only what instances need ({@link WithoutCode}).
 */
final class ChicoryModule implements WasmEngine.PreparedModule {

    /**
     * The parsed module and the factory of its compiled machines.
     *
     * @param module   the parsed module, without its function bodies when every function compiled
     * @param machines creates the compiled code's machine for a new instance
     */
    record Compiled(WasmModule module, Function<Instance, Machine> machines) {
    }

    private final Digest digest;
    // Dropped on close so that the generated classes and their class loader can be collected once the
    // runs in progress, which hold their own reference, have finished.
    private volatile Compiled compiled;
    // Guarded by this: the module's bytes until it is compiled, and why compiling failed, if it did.
    private byte[] bytes;
    private AssessmentException failure;
    private boolean closed;

    /** @param bytes the module's bytes, checked by {@link ModuleCompiler#prepare}; kept, not copied */
    ChicoryModule(Digest digest, byte[] bytes) {
        this.digest = digest;
        this.bytes = bytes;
    }

    @Override
    public Digest digest() {
        return digest;
    }

    /**
     * What a run needs, compiled by the first caller (concurrent first runs wait for that one
     * compilation); fails once the module is closed.
     *
     * @throws AssessmentException if Chicory cannot compile the module (remembered: not tried again)
     */
    Compiled compiled() throws AssessmentException {
        Compiled current = compiled;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("module " + digest + " is closed");
            }
            if (compiled == null) {
                if (failure != null) {
                    throw failure;
                }
                try {
                    compiled = ModuleCompiler.compile(ModuleCompiler.parse(bytes));
                } catch (AssessmentException e) {
                    failure = e;
                    throw e;
                }
                bytes = null;
            }
            return compiled;
        }
    }

    /** Whether the module has been compiled (it is on its first run). */
    synchronized boolean isCompiled() {
        return compiled != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        compiled = null;
        bytes = null;
    }

    @Override
    public String toString() {
        return "ChicoryModule[" + digest + (closed ? ", closed]" : "]");
    }
}
