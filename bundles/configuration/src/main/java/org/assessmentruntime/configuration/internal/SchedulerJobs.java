package org.assessmentruntime.configuration.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.scheduler.JobDirectory;

/**
 * The overlay's jobs, given to the scheduler through its API. The scheduler owns them from then on: it
 * keeps them across restarts, and refuses a job file that takes one's id. What is left here is telling
 * it which jobs the control plane has now: the jobs it schedules from its job files are local, every
 * other scheduled job is the control plane's.
 */
final class SchedulerJobs {

    private final Scheduler scheduler;
    private final JobDirectory files;

    /**
     * @param scheduler where jobs are scheduled
     * @param files     the scheduler's job files, which tell local jobs from remote ones
     */
    SchedulerJobs(Scheduler scheduler, JobDirectory files) {
        this.scheduler = scheduler;
        this.files = files;
    }

    /** The jobs defined by local job files, with their file: a remote job never takes one of their ids. */
    Map<String, Path> localJobs() {
        Map<String, Path> local = new TreeMap<>();
        for (ScheduledJob job : scheduler.jobs()) {
            files.fileOf(job.job().id()).ifPresent(file -> local.put(job.job().id(), file));
        }
        return local;
    }

    /**
     * Schedules every job (the scheduler leaves unchanged ones as they are, fire times included) and
     * unschedules the remote jobs the overlay no longer has.
     *
     * @throws IllegalArgumentException if the scheduler refuses a job; the jobs before it are scheduled
     */
    void apply(Map<String, JobDefinition> jobs) {
        jobs.values().forEach(scheduler::schedule);
        for (ScheduledJob scheduled : scheduler.jobs()) {
            String id = scheduled.job().id();
            if (!jobs.containsKey(id) && files.fileOf(id).isEmpty()) {
                scheduler.unschedule(id);
            }
        }
    }
}
