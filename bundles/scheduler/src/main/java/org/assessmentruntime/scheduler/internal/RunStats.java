package org.assessmentruntime.scheduler.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of task runs since the scheduler started, for its health. */
final class RunStats {

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void started() {
        started.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
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

    /** Task runs in which at least one activity's result was lost (the job runner threw). */
    long failedCount() {
        return failed.get();
    }
}
