package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.assessmentruntime.api.model.Schedule;

/** Builds a schedule's trigger and applies its jitter. */
final class Triggers {

    private Triggers() {
    }

    /**
     * The timed trigger of a schedule.
     *
     * @return the trigger; empty when the schedule fires only on change or on demand
     * @throws IllegalArgumentException if its cron expression is not valid
     */
    static Optional<Trigger> of(Schedule schedule) {
        if (!schedule.cron().isEmpty()) {
            return Optional.of(new CronTrigger(schedule.cron(), schedule.timeZone()));
        }
        return Optional.ofNullable(schedule.interval()).map(IntervalTrigger::new);
    }

    /**
     * Delays a fire time by a random amount between zero and the jitter, both included, to the
     * millisecond.
     */
    static Instant jitter(Instant at, Duration jitter, RandomGenerator random) {
        long max = jitter.toMillis();
        return max <= 0 ? at : at.plusMillis(random.nextLong(max + 1));
    }
}
