package org.assessmentruntime.enginewasmtime.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.assessmentruntime.api.WasmEngine.PreparedModule;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.MemoryLimits;

import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;

/**
 * A module compiled once by wasmtime, instantiated afresh by every run. Closing frees the native code;
 * runs already instantiated keep what they need and finish.
 */
final class WasmtimeModule implements PreparedModule {

    private final Digest digest;
    private final Module module;
    private final List<ImportType> imports;
    private final MemoryLimits memory;
    private final boolean startFunction;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param module        its compiled, rewritten form (see {@link ModuleRewriter})
     * @param memory        the memory it declared, or {@code null}
     * @param startFunction whether it has a start function to call before {@code _start}
     */
    WasmtimeModule(Digest digest, Module module, MemoryLimits memory, boolean startFunction) {
        this.digest = digest;
        this.module = module;
        this.imports = List.copyOf(Arrays.asList(module.imports()));
        this.memory = memory;
        this.startFunction = startFunction;
    }

    @Override
    public Digest digest() {
        return digest;
    }

    /** The compiled module's imports, in the order {@link #instantiate} expects them. */
    List<ImportType> imports() {
        return imports;
    }

    /** The memory the module declared; {@code null} if it has none. */
    MemoryLimits memory() {
        return memory;
    }

    /** Whether a run calls {@link ModuleRewriter#START_EXPORT} before {@code _start}. */
    boolean hasStartFunction() {
        return startFunction;
    }

    /**
     * @throws IllegalStateException if the module was closed
     */
    Instance instantiate(Store<?> store, Collection<Extern> externs) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("module " + digest + " was closed");
            }
            return new Instance(store, module, externs);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                module.dispose();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "WasmtimeModule[" + digest + "]";
    }
}
