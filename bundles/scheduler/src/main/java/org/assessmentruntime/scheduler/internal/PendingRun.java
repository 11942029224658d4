package org.assessmentruntime.scheduler.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Task;

/**
 * A run waiting for, or holding, its job's lane: some tasks of a job, and for a run someone asked for,
 * the future that gets its results.
 *
 * @param job    the job as it was when the run was asked for
 * @param tasks  the tasks to run, in order
 * @param cause  why it runs, for the log ("schedule", "change of /etc/ssh/sshd_config", "run now", …)
 * @param result completed with the results of a run someone asked for; {@code null} for a triggered run
 * @param held   whether it fired while no job runner was there (one being updated): such a run is kept,
 *               for a bounded time, however many others of its task wait ({@link JobLane})
 * @param since  when it was asked for ({@link System#nanoTime()}): the wait for a job runner counts from here
 */
record PendingRun(JobDefinition job, List<Task> tasks, String cause,
        CompletableFuture<List<AssessmentResult>> result, boolean held, long since) {

    /** A run of one task, started by its schedule or a watched path, while a job runner is there. */
    static PendingRun triggered(JobDefinition job, Task task, String cause) {
        return triggered(job, task, cause, false);
    }

    /** A run of one task, started by its schedule or a watched path; {@code held} without a job runner. */
    static PendingRun triggered(JobDefinition job, Task task, String cause, boolean held) {
        return new PendingRun(job, List.of(task), cause, null, held, System.nanoTime());
    }

    /** A run of every task, asked for by someone who waits for the results. */
    static PendingRun manual(JobDefinition job) {
        return new PendingRun(job, job.tasks(), "run now", new CompletableFuture<>(), false, System.nanoTime());
    }

    boolean manual() {
        return result != null;
    }

    /**
     * Whether both are triggered runs of the same single task, so that one may stand for the other. A
     * held run stands for no other: it is the one run of its fire time.
     */
    boolean sameTriggeredTask(PendingRun other) {
        return !manual() && !other.manual() && !held && !other.held
                && tasks.get(0).id().equals(other.tasks.get(0).id());
    }

    /** {@code jobId/taskId} or {@code jobId} for a run of every task. */
    String describe() {
        return manual() ? job.id() : job.id() + "/" + tasks.get(0).id();
    }
}
