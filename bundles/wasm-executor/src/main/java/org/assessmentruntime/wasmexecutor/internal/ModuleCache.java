package org.assessmentruntime.wasmexecutor.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;

/**
 * Compiled modules by engine and digest. Compilation is expensive (Chicory's compiler takes a few
 * hundred milliseconds per module), so concurrent first runs of one module share one compilation, and a
 * module is compiled once however many runs use it.
 *
 * <p>An evicted module is closed only when the last run using it has finished, because an engine with
 * native code frees the module's memory on close.
 */
final class ModuleCache {

    private final Map<Key, CompletableFuture<Lease.Shared>> modules = new ConcurrentHashMap<>();

    /**
     * Returns the engine's compiled form of the module, compiling it if needed, leased for one use.
     * The caller closes the lease when its run is over.
     */
    Lease acquire(WasmEngine engine, Digest digest, byte[] module) throws AssessmentException {
        Key key = new Key(engine.name(), digest);
        while (true) {
            CompletableFuture<Lease.Shared> created = new CompletableFuture<>();
            CompletableFuture<Lease.Shared> existing = modules.putIfAbsent(key, created);
            if (existing == null) {
                compile(engine, digest, module, key, created);
                existing = created;
            }
            Lease.Shared shared = await(existing);
            Lease lease = shared.lease();
            if (lease != null) {
                return lease;
            }
            // Evicted between lookup and lease: compile again.
            modules.remove(key, existing);
        }
    }

    /** Whether the engine holds a compiled form of the module. */
    boolean contains(String engine, Digest digest) {
        CompletableFuture<Lease.Shared> future = modules.get(new Key(engine, digest));
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    /** Drops the module from every engine. */
    void evict(Digest digest) {
        modules.entrySet().removeIf(e -> e.getKey().digest().equals(digest) && retire(e.getValue()));
    }

    /** Drops every module of an engine, e.g. when the engine's bundle goes away. */
    void evictEngine(String engine) {
        modules.entrySet().removeIf(e -> e.getKey().engine().equals(engine) && retire(e.getValue()));
    }

    /** Number of compiled modules held. */
    int size() {
        return modules.size();
    }

    private void compile(WasmEngine engine, Digest digest, byte[] module, Key key,
            CompletableFuture<Lease.Shared> target) {
        try {
            target.complete(new Lease.Shared(engine.prepare(digest, module)));
        } catch (AssessmentException | RuntimeException e) {
            // Failures are not cached: the next request reports the same error from a fresh attempt.
            modules.remove(key, target);
            target.completeExceptionally(e);
        }
    }

    private static Lease.Shared await(CompletableFuture<Lease.Shared> future) throws AssessmentException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssessmentException("interrupted while waiting for the module to compile", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssessmentException ae) {
                throw ae;
            }
            throw new AssessmentException("the engine failed to compile the module: " + e.getCause(), e.getCause());
        }
    }

    private static boolean retire(CompletableFuture<Lease.Shared> future) {
        if (future.isDone() && !future.isCompletedExceptionally()) {
            future.join().retire();
        }
        return true;
    }

    private record Key(String engine, Digest digest) {
    }
}
