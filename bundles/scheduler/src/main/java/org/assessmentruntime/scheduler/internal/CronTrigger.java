package org.assessmentruntime.scheduler.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.time.ExecutionTime;

/**
 * Fires on a cron expression read in a time zone: {@code 0 0 6 * * *} in Europe/Berlin fires at 06:00
 * Berlin time on both sides of a daylight-saving change, i.e. at different UTC instants.
 */
final class CronTrigger implements Trigger {

    private final String expression;
    private final ExecutionTime times;
    private final ZoneId zone;

    CronTrigger(String expression, ZoneId zone) {
        this.expression = expression;
        this.times = Crons.parse(expression);
        this.zone = zone;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return "cron '" + expression + "' in " + zone;
    }
}
