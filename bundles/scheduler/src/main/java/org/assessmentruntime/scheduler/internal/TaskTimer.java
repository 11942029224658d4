package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires one timed task at each of its trigger's fire times, plus jitter.
 *
 * <p>Long waits are slept in slices of at most a minute and checked against the wall clock on waking,
 * so that a suspended host or a clock set back or forward does not shift the schedule for hours. A timer
 * that wakes late (host suspended) fires once and goes on from now, rather than firing once per tick it
 * slept through.
 */
final class TaskTimer {

    private static final Logger LOG = LoggerFactory.getLogger(TaskTimer.class);
    private static final long MAX_SLEEP_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Waking this close before the due time counts as on time (timer and wall clock differ slightly). */
    private static final long TOLERANCE_MILLIS = 5;

    private final SchedulingContext context;
    private final Trigger trigger;
    private final Duration jitter;
    private final Runnable fire;
    private Instant nominal;
    private Instant due;
    private ScheduledFuture<?> sleeping;
    private boolean cancelled;

    TaskTimer(SchedulingContext context, Trigger trigger, Duration jitter, Runnable fire) {
        this.context = context;
        this.trigger = trigger;
        this.jitter = jitter;
        this.fire = fire;
    }

    synchronized void start() {
        plan(context.clock().instant());
    }

    /** The next fire time, jitter included; empty when it never fires again. */
    synchronized Optional<Instant> nextFire() {
        return Optional.ofNullable(due);
    }

    synchronized void cancel() {
        cancelled = true;
        if (sleeping != null) {
            sleeping.cancel(false);
        }
    }

    private void plan(Instant after) {
        Instant now = context.clock().instant();
        Optional<Instant> next = trigger.next(after).map(n -> n.isBefore(now) ? trigger.next(now).orElse(null) : n);
        if (next.isEmpty()) {
            nominal = null;
            due = null;
            LOG.info("{} fires no more", trigger);
            return;
        }
        nominal = next.get();
        due = Triggers.jitter(nominal, jitter, context.random());
        sleep();
    }

    private void sleep() {
        long millis = Duration.between(context.clock().instant(), due).toMillis();
        sleeping = context.timer().schedule(this::wake, Math.max(0, Math.min(millis, MAX_SLEEP_MILLIS)),
                TimeUnit.MILLISECONDS);
    }

    private void wake() {
        Instant fired;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            if (context.clock().instant().plusMillis(TOLERANCE_MILLIS).isBefore(due)) {
                sleep();
                return;
            }
            fired = nominal;
        }
        // Outside the lock: firing writes the fire time to disk, and nextFire() must not wait for that.
        try {
            fire.run();
        } catch (RuntimeException e) {
            LOG.error("Firing {} failed; the schedule goes on", trigger, e);
        }
        synchronized (this) {
            if (!cancelled) {
                plan(fired);
            }
        }
    }
}
