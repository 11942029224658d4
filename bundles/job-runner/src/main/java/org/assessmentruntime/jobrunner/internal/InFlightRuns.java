package org.assessmentruntime.jobrunner.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the runs in progress, so that a stopping job runner (its bundle being updated) lets them
 * finish and store their results before DS unbinds its services, and takes no new ones.
 */
final class InFlightRuns {

    private int running;
    private boolean stopping;

    /** A run begins; {@code false} when the runner is stopping and must not start it. */
    synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        running++;
        return true;
    }

    /** A run that {@linkplain #enter() entered} ended. */
    synchronized void exit() {
        running--;
        notifyAll();
    }

    /**
     * Takes no more runs and waits for those in progress.
     *
     * @param grace the longest wait
     * @return the runs still in progress after it
     */
    synchronized int stopAndAwait(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return running;
    }

    synchronized boolean stopping() {
        return stopping;
    }
}
