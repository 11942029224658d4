package org.assessmentruntime.configuration.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.scheduler.JobDirectory;
import org.assessmentruntime.scheduler.RejectedJobFile;

/**
 * The scheduler as configuration sees it: jobs scheduled through the API, and jobs of local job files
 * (which the API, like the real scheduler, never replaces). Kept in memory; a "restart" is the same object.
 */
final class FakeScheduler implements Scheduler, JobDirectory {

    private final Map<String, JobDefinition> jobs = new TreeMap<>();
    private final Map<String, Path> files = new TreeMap<>();
    /** Ids whose scheduling fails, as the real scheduler's minimum interval would refuse them. */
    private final java.util.Set<String> refused = new java.util.HashSet<>();

    /** Configuration's view of this scheduler. */
    SchedulerJobs schedulerJobs() {
        return new SchedulerJobs(this, this);
    }

    /** A job read from a local job file. */
    synchronized void local(JobDefinition job, Path file) {
        jobs.put(job.id(), job);
        files.put(job.id(), file);
    }

    synchronized void refuse(String jobId) {
        refused.add(jobId);
    }

    /** The jobs scheduled through the API, by id. */
    synchronized Map<String, JobDefinition> remote() {
        Map<String, JobDefinition> remote = new TreeMap<>(jobs);
        remote.keySet().removeAll(files.keySet());
        return remote;
    }

    @Override
    public synchronized List<ScheduledJob> jobs() {
        return jobs.values().stream().map(j -> new ScheduledJob(j, Map.of(), true)).toList();
    }

    @Override
    public synchronized Optional<ScheduledJob> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(j -> new ScheduledJob(j, Map.of(), true));
    }

    @Override
    public synchronized void schedule(JobDefinition job) {
        if (files.containsKey(job.id()) || refused.contains(job.id())) {
            throw new IllegalArgumentException("job '" + job.id() + "' refused");
        }
        jobs.put(job.id(), job);
    }

    @Override
    public synchronized boolean unschedule(String jobId) {
        files.remove(jobId);
        return jobs.remove(jobId) != null;
    }

    @Override
    public boolean setEnabled(String jobId, boolean enabled) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<AssessmentResult>> runNow(String jobId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path directory() {
        return Path.of("etc/jobs");
    }

    @Override
    public List<RejectedJobFile> rejected() {
        return List.of();
    }

    @Override
    public synchronized Optional<Path> fileOf(String jobId) {
        return Optional.ofNullable(files.get(jobId));
    }
}
