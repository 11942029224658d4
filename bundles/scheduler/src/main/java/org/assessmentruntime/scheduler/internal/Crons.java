package org.assessmentruntime.scheduler.internal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * The scheduler's cron dialect: Spring 5.3's six fields {@code second minute hour day-of-month month
 * day-of-week}, parsed by cron-utils. That dialect, unlike Quartz's, accepts {@code *} in both day fields
 * (the model's own example, {@code 0 0 2 * * *}, is not valid Quartz), and it also knows names
 * ({@code MON}, {@code JAN}), {@code L}, {@code W} and {@code #}.
 */
public final class Crons {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

    private Crons() {
    }

    /**
     * Parses a cron expression.
     *
     * @param expression six fields, seconds first
     * @return its fire times
     * @throws IllegalArgumentException if it is not valid, or names a date that never comes (30 February)
     */
    public static ExecutionTime parse(String expression) {
        Cron cron;
        try {
            cron = PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression (second minute "
                    + "hour day-of-month month day-of-week): " + e.getMessage(), e);
        }
        ExecutionTime times = ExecutionTime.forCron(cron);
        // Parses fine, yet would never fire: say so when the job is read, not by silence forever after.
        if (times.nextExecution(ZonedDateTime.now(ZoneOffset.UTC)).isEmpty()) {
            throw new IllegalArgumentException("'" + expression + "' never fires");
        }
        return times;
    }
}
