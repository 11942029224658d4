package org.assessmentruntime.api.util;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The current instance of a dynamic service, and a bounded wait for one while it is away (its bundle
 * being updated or refreshed): callers that would otherwise drop work wait for the replacement instead.
 *
 * <p>Its owner feeds it from its DS bind and unbind methods ({@link #set}, {@link #clear}) and
 * {@linkplain #close() closes} it when it stops. Thread-safe.
 *
 * @param <T> the service type
 */
public final class ServiceWaiter<T> {

    private T current;
    private boolean closed;

    /** A waiter with no service yet. */
    public ServiceWaiter() {
    }

    /**
     * A service arrived (DS bind); it replaces any other and wakes every waiter.
     *
     * @param service the service
     */
    public synchronized void set(T service) {
        current = service;
        notifyAll();
    }

    /**
     * A service left (DS unbind); only clears if it is still the current one (greedy rebinds bind first).
     *
     * @param service the service that left
     */
    public synchronized void clear(T service) {
        if (current == service) {
            current = null;
        }
    }

    /**
     * The current service, without waiting.
     *
     * @return the service, or {@code null} if there is none
     */
    public synchronized T get() {
        return current;
    }

    /**
     * The current service, waiting for one until the deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return the service, or {@code null} if none came in time (or the thread was interrupted, or the
     *         waiter was closed)
     */
    public synchronized T awaitUntil(long deadlineNanos) {
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

    /**
     * {@link #awaitUntil} from now.
     *
     * @param wait how long to wait at most
     * @return the service, or {@code null} as {@link #awaitUntil} says
     */
    public T await(Duration wait) {
        return awaitUntil(System.nanoTime() + wait.toNanos());
    }

    /**
     * Ends every wait, now and later (the owner stops): a missing service is not waited for any more.
     * {@link #get} and a service that is there are unaffected.
     */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
