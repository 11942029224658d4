package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a burst of events into one action: the action runs once no event came for the quiet period,
 * but no later than the maximum delay after the burst's first event — an editor saving a file is three
 * or four events, and a file rewritten continuously must still lead to a run.
 */
final class Debouncer {

    private final ScheduledExecutorService timer;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final Runnable action;
    private ScheduledFuture<?> pending;
    private long burstStart;

    Debouncer(ScheduledExecutorService timer, Duration quiet, Duration maxDelay, Runnable action) {
        this.timer = timer;
        this.quietNanos = quiet.toNanos();
        this.maxDelayNanos = Math.max(maxDelay.toNanos(), quietNanos);
        this.action = action;
    }

    /** An event came. */
    synchronized void poke() {
        long now = System.nanoTime();
        if (pending == null) {
            burstStart = now;
        } else {
            pending.cancel(false);
        }
        long due = Math.min(now + quietNanos, burstStart + maxDelayNanos);
        pending = timer.schedule(this::fire, Math.max(0, due - now), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        synchronized (this) {
            pending = null;
        }
        action.run();
    }

    /** Drops an action that is due. */
    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
