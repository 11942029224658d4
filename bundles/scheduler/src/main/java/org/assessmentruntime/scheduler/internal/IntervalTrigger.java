package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fires at a fixed interval after the previous fire time. */
final class IntervalTrigger implements Trigger {

    private final Duration interval;

    IntervalTrigger(Duration interval) {
        this.interval = interval;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(interval));
    }

    @Override
    public String toString() {
        return "every " + interval;
    }
}
