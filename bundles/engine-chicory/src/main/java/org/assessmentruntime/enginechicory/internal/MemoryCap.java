package org.assessmentruntime.enginechicory.internal;

import static com.dylibso.chicory.runtime.Memory.PAGE_SIZE;
import static com.dylibso.chicory.runtime.Memory.RUNTIME_MAX_PAGES;

import java.util.function.Function;

import org.assessmentruntime.api.model.FailureKind;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * A run's memory cap, and what happens at it. A module that declares more initial memory than the cap
 * is refused before anything is allocated, and a {@code memory.grow} past the cap ends the run with
 * {@link FailureKind#MEMORY_LIMIT} instead of returning -1: the guest tried to break the limit, and
 * ending the run there makes the outcome say so, rather than whatever the guest makes of a failed
 * allocation. A grow past the module's own declared maximum still returns -1, as WebAssembly says.
 *
 * @param capBytes the cap as the run's limits give it
 * @param capPages the whole pages that fit under it (and under what a JVM array can hold)
 */
record MemoryCap(long capBytes, int capPages) {

    /** The cap of a run whose limit is {@code capBytes}. */
    static MemoryCap of(long capBytes) {
        return new MemoryCap(capBytes, (int) Math.min(capBytes / PAGE_SIZE, RUNTIME_MAX_PAGES));
    }

    /** Chicory's memory factory for a run under this cap. */
    Function<MemoryLimits, Memory> factory() {
        return declared -> {
            if (declared.initialPages() > capPages) {
                throw new LimitExceeded(FailureKind.MEMORY_LIMIT, "the module declares "
                        + bytes(declared.initialPages()) + " bytes of initial memory, over the cap of " + capBytes
                        + " bytes");
            }
            return new FlatMemory(declared, this);
        };
    }

    /**
     * Ends the run if growing to {@code wantedPages} breaks the cap but not the module's own maximum
     * (which {@link FlatMemory#grow} answers with -1).
     */
    void checkGrow(long wantedPages, int declaredMaximumPages) {
        if (wantedPages > capPages && wantedPages <= declaredMaximumPages) {
            throw new LimitExceeded(FailureKind.MEMORY_LIMIT, "the module tried to grow its memory to "
                    + bytes(wantedPages) + " bytes, over the cap of " + capBytes + " bytes");
        }
    }

    private static long bytes(long pages) {
        return pages * PAGE_SIZE;
    }
}
