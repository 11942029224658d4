package org.assessmentruntime.wasmexecutor.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;

/**
 * Compiled modules by engine and digest. Compilation is expensive (Chicory's compiler takes a few
 * hundred milliseconds per module), so concurrent first runs of one module share one compilation, and a
 * module is compiled once however many runs use it.
 *
 * <p>At most {@link #limit(int) a limit} of modules are kept: each costs memory for as long as it is
 * held (with Chicory about 4.6 MiB of heap and metaspace per plugin on the benchmark machine; a runtime
 * that had run 100 plugins idled at 640 MiB), so that memory does not grow with every plugin installed
 * and run; beyond the limit the module run least recently is dropped, and compiled again at its next
 * run.
 *
 * <p>An evicted module is closed only when the last run using it has finished, because an engine with
 * native code frees the module's memory on close.
 */
final class ModuleCache {

    /** The default {@link #limit(int)}. */
    static final int DEFAULT_LIMIT = 128;

    private final Map<Key, Entry> modules = new ConcurrentHashMap<>();
    /** Orders uses: a module's last use is the value this had then. */
    private final AtomicLong uses = new AtomicLong();
    private volatile int limit = DEFAULT_LIMIT;

    /**
     * Sets how many compiled modules are kept; drops the least recently run beyond it at once.
     *
     * @throws IllegalArgumentException if below 1
     */
    void limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxCompiledModules must be at least 1, got " + limit);
        }
        this.limit = limit;
        trim(null);
    }

    /** How many compiled modules are kept. */
    int limit() {
        return limit;
    }

    /** A module's bytes, asked for only when the module must be compiled. */
    @FunctionalInterface
    interface Source {

        /**
         * @return the bytes, verified against their digest
         * @throws AssessmentException if they cannot be had (then nothing is compiled)
         */
        byte[] bytes() throws AssessmentException;
    }

    /**
     * Returns the engine's compiled form of the module, compiling it if needed, leased for one use.
     * The caller closes the lease when its run is over.
     */
    Lease acquire(WasmEngine engine, Digest digest, Source module) throws AssessmentException {
        Key key = new Key(engine.name(), digest);
        while (true) {
            Entry created = new Entry(new CompletableFuture<>());
            Entry existing = modules.putIfAbsent(key, created);
            if (existing == null) {
                compile(engine, digest, module, key, created);
                existing = created;
            }
            Lease.Shared shared = await(existing.future());
            Lease lease = shared.lease();
            if (lease != null) {
                existing.used(uses.incrementAndGet());
                if (existing == created) {
                    trim(key);
                }
                return lease;
            }
            // Evicted between lookup and lease: compile again.
            modules.remove(key, existing);
        }
    }

    /** Whether the engine holds a compiled form of the module. */
    boolean contains(String engine, Digest digest) {
        Entry entry = modules.get(new Key(engine, digest));
        return entry != null && entry.compiled();
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

    /**
     * Drops the least recently run compiled modules until no more than the limit are held. Serialised,
     * so that two new modules do not both evict (one eviction each is enough); modules still compiling
     * and {@code keep} (the module just compiled for a run) are never chosen.
     */
    private synchronized void trim(Key keep) {
        while (modules.size() > limit) {
            Map.Entry<Key, Entry> oldest = null;
            for (Map.Entry<Key, Entry> candidate : modules.entrySet()) {
                if (!candidate.getKey().equals(keep) && candidate.getValue().compiled()
                        && (oldest == null || candidate.getValue().lastUsed() < oldest.getValue().lastUsed())) {
                    oldest = candidate;
                }
            }
            if (oldest == null) {
                return; // only modules still compiling: the last of them to finish trims again
            }
            if (modules.remove(oldest.getKey(), oldest.getValue())) {
                retire(oldest.getValue());
            }
        }
    }

    private void compile(WasmEngine engine, Digest digest, Source module, Key key, Entry target) {
        try {
            target.future().complete(new Lease.Shared(engine.prepare(digest, module.bytes())));
        } catch (AssessmentException | RuntimeException e) {
            // Failures are not cached: the next request reports the same error from a fresh attempt.
            modules.remove(key, target);
            target.future().completeExceptionally(e);
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

    private static boolean retire(Entry entry) {
        if (entry.compiled()) {
            entry.future().join().retire();
        }
        return true;
    }

    private record Key(String engine, Digest digest) {
    }

    /** A module being compiled or compiled, and when it was last used (an order, not a time). */
    private static final class Entry {

        private final CompletableFuture<Lease.Shared> future;
        private volatile long lastUsed;

        Entry(CompletableFuture<Lease.Shared> future) {
            this.future = future;
        }

        CompletableFuture<Lease.Shared> future() {
            return future;
        }

        boolean compiled() {
            return future.isDone() && !future.isCompletedExceptionally();
        }

        long lastUsed() {
            return lastUsed;
        }

        void used(long order) {
            lastUsed = order;
        }
    }
}
