package org.assessmentruntime.enginechicory.internal;

/**
 * Lets another thread stop a guest through {@link Thread#interrupt()} (compiled guest code and
 * Chicory's blocking WASI calls check it), and guarantees that this interrupt never outlives the run:
 * once the worker has {@linkplain #leave() left}, {@link #stop()} no longer touches its thread, and an
 * interrupt delivered before that is cleared, so the pooled thread's next run starts clean.
 */
final class StopSignal {

    private Thread worker;
    private boolean stopped;

    /**
     * Marks the current thread as running the guest.
     *
     * @return false if the run was stopped before it started
     */
    synchronized boolean enter() {
        if (stopped) {
            return false;
        }
        worker = Thread.currentThread();
        return true;
    }

    /** Stops the run: interrupts its thread if the guest is running, or keeps it from starting. */
    synchronized void stop() {
        stopped = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /**
     * Marks the guest as finished, on the worker thread.
     *
     * @return whether the run was stopped
     */
    boolean leave() {
        boolean wasStopped;
        synchronized (this) {
            worker = null;
            wasStopped = stopped;
        }
        // Any interrupt from stop() happened before the block above; none can come after it.
        Thread.interrupted();
        return wasStopped;
    }
}
