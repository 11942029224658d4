package org.assessmentruntime.jobrunner.internal;

import java.util.concurrent.TimeUnit;

/**
 * The current instance of a dynamic service, and a bounded wait for one while it is away (its bundle
 * being updated or refreshed): callers that would otherwise drop work wait for the replacement instead.
 *
 * @param <T> the service type
 */
final class ServiceWaiter<T> {

    private T current;
    private boolean closed;

    /** A service arrived (DS bind); it replaces any other and wakes every waiter. */
    synchronized void set(T service) {
        current = service;
        notifyAll();
    }

    /** A service left (DS unbind); only clears if it is still the current one (greedy rebinds bind first). */
    synchronized void clear(T service) {
        if (current == service) {
            current = null;
        }
    }

    /** The current service, or {@code null}. */
    synchronized T get() {
        return current;
    }

    /** Ends every wait, now and later (the owner stops): a missing service is not waited for any more. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * The current service, waiting for one until the deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return the service, or {@code null} if none came in time (or the thread was interrupted, or the
     *         waiter was closed)
     */
    synchronized T awaitUntil(long deadlineNanos) {
        while (current == null && !closed) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return current;
    }
}
