package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.assessmentruntime.api.model.Schedule;

import com.cronutils.model.time.ExecutionTime;

/**
 * The shortest time between two timed runs of a task that the scheduler accepts. Without one, an
 * interval of {@code PT0.000001S} keeps a timer thread and the log busy for nothing (145,000 skipped
 * runs logged in 30 s), and a job file or the control plane could starve every other job that way.
 */
public final class MinimumInterval {

    /** Fire times of a cron expression looked at: enough to meet the short gaps of any usual expression. */
    private static final int CRON_FIRES_CHECKED = 16;

    private MinimumInterval() {
    }

    /**
     * What is wrong with a schedule's timing, if it fires more often than allowed.
     *
     * @param schedule the schedule
     * @param minimum  the shortest allowed time between two fire times
     * @return the offending field of the schedule ({@code interval} or {@code cron}) and what is wrong;
     *         empty when the schedule is fine
     */
    public static Optional<Violation> check(Schedule schedule, Duration minimum) {
        if (schedule.interval() != null && schedule.interval().compareTo(minimum) < 0) {
            return Optional.of(new Violation("interval", "'" + schedule.interval() + "' is shorter than the "
                    + "minimum interval of " + describe(minimum) + " (the scheduler's minIntervalSeconds)"));
        }
        // A cron expression fires at most once a second; only a minimum above that needs a look.
        if (!schedule.cron().isEmpty() && minimum.compareTo(Duration.ofSeconds(1)) > 0) {
            return cronGap(schedule, minimum);
        }
        return Optional.empty();
    }

    private static Optional<Violation> cronGap(Schedule schedule, Duration minimum) {
        ExecutionTime times = Crons.parse(schedule.cron());
        ZonedDateTime previous = null;
        ZonedDateTime at = ZonedDateTime.now(schedule.timeZone());
        for (int i = 0; i < CRON_FIRES_CHECKED; i++) {
            Optional<ZonedDateTime> next = times.nextExecution(at);
            if (next.isEmpty()) {
                break;
            }
            if (previous != null && Duration.between(previous, next.get()).compareTo(minimum) < 0) {
                return Optional.of(new Violation("cron", "'" + schedule.cron() + "' fires "
                        + describe(Duration.between(previous, next.get())) + " apart (at " + previous.toLocalTime()
                        + " and " + next.get().toLocalTime() + "), less than the minimum interval of "
                        + describe(minimum) + " (the scheduler's minIntervalSeconds)"));
            }
            previous = next.get();
            at = next.get();
        }
        return Optional.empty();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * A schedule that fires too often.
     *
     * @param field   the schedule's field at fault: {@code interval} or {@code cron}
     * @param message what is wrong, for an operator
     */
    public record Violation(String field, String message) {
    }
}
