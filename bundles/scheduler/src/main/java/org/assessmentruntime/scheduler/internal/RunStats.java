package org.assessmentruntime.scheduler.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of task runs since the scheduler started, for its health. */
final class RunStats {

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();

    void started() {
        started.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    /** A skip (counted as one) of a fire folded into a run of the same task that already waits. */
    void coalesced() {
        coalesced.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    /** Task runs begun. */
    long startedCount() {
        return started.get();
    }

    /** Triggers that did not lead to a run: overlap, full queue, no job runner. */
    long skippedCount() {
        return skipped.get();
    }

    /**
     * Of the skipped triggers, those folded into a run of the same task that already waits: that run
     * starts later and sees the same host, so nothing goes unassessed; a task whose runs take longer than
     * its interval shows here, not as lost runs.
     */
    long coalescedCount() {
        return coalesced.get();
    }

    /** Task runs in which at least one activity's result was lost (the job runner threw). */
    long failedCount() {
        return failed.get();
    }
}
