package org.assessmentruntime.api.model;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * When a task runs: on a cron expression or at a fixed interval, and/or whenever a watched path
 * changes. A schedule with no trigger at all runs only on demand.
 *
 * @param cron       a cron expression with a seconds field: {@code sec min hour day-of-month month
 *                   day-of-week}, e.g. {@code 0 0 2 * * *}; empty when not used. The scheduler owns the
 *                   full syntax; here only the field count is checked, because a five-field Unix cron line
 *                   is the mistake everyone makes
 * @param interval   fixed time between runs; {@code null} when not used; exclusive with {@code cron}
 * @param jitter     a random delay of up to this much added to each timed run, so that a fleet of
 *                   runtimes does not hit the control plane at the same second; zero when absent
 * @param watch      absolute paths (files or directories) whose changes trigger a run
 * @param timeZone   zone the cron expression is read in; UTC when absent, so that the same job fires at
 *                   the same instant on every runtime regardless of the host's zone
 * @param overlap    what happens when a run is due while the previous one still runs
 * @param missedRuns what happens to timed runs that fell due while the runtime was down
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Schedule(String cron, Duration interval, Duration jitter, List<String> watch, ZoneId timeZone,
        OverlapPolicy overlap, MissedRunPolicy missedRuns) {

    /** Runs only when asked. */
    public static final Schedule MANUAL = new Schedule(null, null, null, null, null, null, null);

    /** What happens when a run is due while the previous run of the same task is still going. */
    public enum OverlapPolicy {
        /** Drop the new run: the running one will produce a result soon enough. */
        SKIP,
        /** Start the new run once the running one finishes (at most one waits). */
        QUEUE
    }

    /** What happens to timed runs that fell due while the runtime was not running. */
    public enum MissedRunPolicy {
        /** Forget them; wait for the next fire time. */
        SKIP,
        /** Run once at start-up if at least one was missed, however many. */
        RUN_ONCE
    }

    /** Validates, copies and fills in defaults. */
    public Schedule {
        cron = Check.optional(cron).strip();
        if (!cron.isEmpty()) {
            int fields = cron.split("\\s+").length;
            if (fields != 6) {
                throw new IllegalArgumentException("Schedule.cron '" + cron + "' has " + fields
                        + " fields; it needs 6: second minute hour day-of-month month day-of-week");
            }
        }
        if (interval != null) {
            if (!cron.isEmpty()) {
                throw new IllegalArgumentException("Schedule.cron and Schedule.interval are exclusive; set one");
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("Schedule.interval must be positive, got " + interval);
            }
        }
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("Schedule.jitter must not be negative, got " + jitter);
        }
        watch = Check.list(watch, "Schedule.watch");
        for (String path : watch) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("Schedule.watch path '" + path + "' must be absolute");
            }
        }
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
        overlap = overlap == null ? OverlapPolicy.SKIP : overlap;
        missedRuns = missedRuns == null ? MissedRunPolicy.SKIP : missedRuns;
    }

    /**
     * A schedule on a cron expression, read in UTC.
     *
     * @param cron six-field cron expression
     * @return the schedule
     */
    public static Schedule cron(String cron) {
        return new Schedule(Check.text(cron, "Schedule.cron"), null, null, null, null, null, null);
    }

    /**
     * A schedule at a fixed interval.
     *
     * @param interval time between runs
     * @return the schedule
     */
    public static Schedule every(Duration interval) {
        return new Schedule(null, Check.required(interval, "Schedule.interval"), null, null, null, null, null);
    }

    /** Whether this schedule fires on a clock (cron or interval), as opposed to only on change or demand. */
    public boolean timed() {
        return !cron.isEmpty() || interval != null;
    }
}
