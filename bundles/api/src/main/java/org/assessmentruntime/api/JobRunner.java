package org.assessmentruntime.api;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs one activity of a job: resolves the plugin, checks its grants and configuration, builds its
 * {@link org.assessmentruntime.api.model.JobContext}, runs it in the {@link WasmExecutor}, turns its
 * output into an {@link AssessmentResult} and stores that with the {@link ResultsCollector}.
 *
 * <p>Thread-safe; runs proceed concurrently. Blocks for the duration of the run (bounded by the
 * plugin's timeout).
 */
@ProviderType
public interface JobRunner {

    /**
     * Runs an activity once and stores its result.
     *
     * @param job        the job
     * @param taskId     one of the job's tasks
     * @param activityId one of the task's activities
     * @return the result, already stored; any failure of the plugin (unavailable, rejected, invalid
     *         configuration or output, limits, traps) is an ERROR result with its
     *         {@link org.assessmentruntime.api.model.FailureKind}, never an exception
     * @throws IllegalArgumentException if the job has no such task or activity
     * @throws AssessmentException      if the result could not be stored; the message says which run's
     *                                  result was lost. Not hidden: the collector is what makes results
     *                                  durable, and a store that cannot take them is a fault to surface
     */
    AssessmentResult run(JobDefinition job, String taskId, String activityId) throws AssessmentException;
}
