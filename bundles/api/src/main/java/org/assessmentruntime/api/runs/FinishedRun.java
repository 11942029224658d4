package org.assessmentruntime.api.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResultStatus;

/**
 * One finished run of an activity, as {@link RunObserver}s hear of it.
 *
 * @param jobId      the job
 * @param taskId     its task
 * @param activityId the activity that ran
 * @param plugin     the plugin's name as the activity requested it ({@code namespace/name}, no version)
 * @param outcome    the result's verdict; ERROR also for a run that never started
 * @param errorKind  why it is an ERROR; {@code null} otherwise
 * @param duration   how long the run took, from the start of resolving the plugin until its result was
 *                   ready (storing it not included)
 * @param endedAt    when it ended
 * @param resultId   its result
 * @param stored     whether the results collector took the result; false when it is kept in memory to be
 *                   stored later
 */
public record FinishedRun(String jobId, String taskId, String activityId, String plugin, ResultStatus outcome,
        FailureKind errorKind, Duration duration, Instant endedAt, UUID resultId, boolean stored) {

    /** Validates. */
    public FinishedRun {
        Objects.requireNonNull(jobId, "FinishedRun.jobId");
        Objects.requireNonNull(outcome, "FinishedRun.outcome");
        Objects.requireNonNull(duration, "FinishedRun.duration");
        Objects.requireNonNull(endedAt, "FinishedRun.endedAt");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("FinishedRun.duration must not be negative, got " + duration);
        }
    }
}
