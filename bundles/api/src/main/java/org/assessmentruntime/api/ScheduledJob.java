package org.assessmentruntime.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.assessmentruntime.api.model.JobDefinition;

/**
 * A job as the scheduler holds it.
 *
 * @param job           the job
 * @param nextFireTimes next timed run of each task, by task id; tasks that run only on change or on
 *                      demand are absent. A disabled job keeps its fire times, but they do not run
 * @param enabled       whether its timed and change-triggered runs happen; a disabled job runs only on
 *                      demand (see {@link Scheduler#setEnabled(String, boolean)})
 */
public record ScheduledJob(JobDefinition job, Map<String, Instant> nextFireTimes, boolean enabled) {

    /** Validates and copies. */
    public ScheduledJob {
        Objects.requireNonNull(job, "job");
        nextFireTimes = nextFireTimes == null ? Map.of() : Map.copyOf(nextFireTimes);
    }

    /**
     * An enabled job, as before jobs could be disabled.
     *
     * @param job           the job
     * @param nextFireTimes next timed run of each task, by task id
     */
    public ScheduledJob(JobDefinition job, Map<String, Instant> nextFireTimes) {
        this(job, nextFireTimes, true);
    }
}
