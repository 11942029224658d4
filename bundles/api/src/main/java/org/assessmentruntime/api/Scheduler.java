package org.assessmentruntime.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fires jobs' tasks on their schedules (cron, interval, file changes) and on demand, and hands each
 * activity to the {@link JobRunner}, honouring the tasks' overlap and missed-run policies.
 *
 * <p>Thread-safe. Jobs given to {@link #schedule(JobDefinition)} are the scheduler's to keep: they
 * survive a restart until {@link #unschedule(String) unscheduled}, so whoever schedules them (the
 * control plane's configuration) need not schedule them again on start.
 */
@ProviderType
public interface Scheduler {

    /** Every scheduled job, ordered by id. */
    List<ScheduledJob> jobs();

    /**
     * Looks up a scheduled job.
     *
     * @param jobId the job's id
     * @return the job, or empty when not scheduled
     */
    Optional<ScheduledJob> job(String jobId);

    /**
     * Schedules a job, replacing a job with the same id; runs of the old definition in progress finish.
     *
     * @param job the job
     * @throws IllegalArgumentException if a schedule cannot be parsed (e.g. a cron expression the
     *                                  scheduler does not understand), or a job file of the scheduler's
     *                                  own defines the job's id; nothing changes then
     */
    void schedule(JobDefinition job);

    /**
     * Stops scheduling a job; runs in progress finish. Whether it was disabled is forgotten with it.
     *
     * @param jobId the job's id
     * @return whether it was scheduled
     */
    boolean unschedule(String jobId);

    /**
     * Enables or disables a scheduled job. A disabled job's timed and change-triggered fires do not run
     * and are not counted as skipped or missed; enabling it again does not replay the fires it passed
     * while disabled. {@link #runNow(String)} still runs it: an operator asked. The state survives a
     * restart and a new definition of the job ({@link #schedule(JobDefinition)}); it goes with
     * {@link #unschedule(String)}. Runs already started or waiting finish.
     *
     * @param jobId   the job's id
     * @param enabled whether its timed and change-triggered fires run
     * @return whether the state changed (false if it already was so)
     * @throws NotFoundException if no job with that id is scheduled
     */
    boolean setEnabled(String jobId, boolean enabled) throws NotFoundException;

    /**
     * Runs every activity of every task of a scheduled job now, regardless of schedules and of whether it
     * is enabled. A task that
     * is already running is run again after it finishes, whatever its overlap policy: someone asked.
     *
     * @param jobId the job's id
     * @return completes with the results, one per activity, once all have run; completes
     *         exceptionally only with the {@link AssessmentException} of a result that could not be stored
     * @throws NotFoundException if no job with that id is scheduled
     */
    CompletionStage<List<AssessmentResult>> runNow(String jobId) throws NotFoundException;
}
