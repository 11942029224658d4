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
 *                      demand are absent
 */
public record ScheduledJob(JobDefinition job, Map<String, Instant> nextFireTimes) {

    /** Validates and copies. */
    public ScheduledJob {
        Objects.requireNonNull(job, "job");
        nextFireTimes = nextFireTimes == null ? Map.of() : Map.copyOf(nextFireTimes);
    }
}
