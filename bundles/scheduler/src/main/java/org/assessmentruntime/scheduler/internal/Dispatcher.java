package org.assessmentruntime.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule.OverlapPolicy;
import org.assessmentruntime.api.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands runs to the {@link JobRunner} on a bounded pool of workers, one run per job at a time
 * ({@link JobLane}). A run's failure — the runner throwing — is logged and counted, and never stops
 * the job's later runs.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Supplier<JobRunner> runners;
    private final RunStats stats;
    private final ThreadPoolExecutor workers;
    private final Map<String, JobLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, PendingRun> deferred = new ConcurrentHashMap<>();
    private volatile int maxQueued;
    private volatile boolean closed;

    Dispatcher(Supplier<JobRunner> runners, RunStats stats, int workerCount, int maxQueued) {
        this.runners = runners;
        this.stats = stats;
        this.maxQueued = maxQueued;
        // Core = max: a fixed pool whose size resize() can change live; idle workers time out.
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("assessment-scheduler-worker-"));
        workers.allowCoreThreadTimeOut(true);
    }

    /** Runs one task because its schedule fired or a watched path changed. */
    void trigger(JobDefinition job, Task task, String cause) {
        PendingRun run = PendingRun.triggered(job, task, cause);
        if (runners.get() == null) {
            skip(run, "no job runner is available");
            return;
        }
        offer(run, task.schedule().overlap());
    }

    /**
     * Runs one task once a job runner is there: now if there is one, else as soon as one comes. For
     * start-up runs (missed runs): the scheduler often starts before the job runner, and a start-up run
     * that was skipped for that would be lost until the next fire time.
     *
     * @return the run if it waits for a runner (to {@linkplain #cancelDeferred cancel} it), else {@code null}
     */
    PendingRun triggerWhenReady(JobDefinition job, Task task, String cause) {
        if (runners.get() != null) {
            trigger(job, task, cause);
            return null;
        }
        PendingRun run = PendingRun.triggered(job, task, cause);
        deferred.put(run.describe(), run);
        LOG.info("Run of {} ({}) waits for a job runner", run.describe(), cause);
        if (runners.get() != null) {
            // The runner came between the check and the put.
            runnerArrived();
        }
        return run;
    }

    /** Starts the runs that waited for a job runner. */
    void runnerArrived() {
        for (String key : List.copyOf(deferred.keySet())) {
            PendingRun run = deferred.remove(key);
            if (run != null) {
                offer(run, run.tasks().get(0).schedule().overlap());
            }
        }
    }

    /** Drops a run waiting for a job runner (its job was unscheduled or replaced). */
    void cancelDeferred(PendingRun run) {
        deferred.remove(run.describe(), run);
    }

    /** Start-up runs waiting for a job runner. */
    int deferred() {
        return deferred.size();
    }

    /** Runs every task of a job now, after a run in progress if there is one. */
    CompletableFuture<List<AssessmentResult>> runNow(JobDefinition job) {
        PendingRun run = PendingRun.manual(job);
        if (runners.get() == null) {
            run.result().completeExceptionally(
                    new AssessmentException("no job runner is available; job '" + job.id() + "' was not run"));
            return run.result();
        }
        offer(run, OverlapPolicy.QUEUE);
        return run.result();
    }

    private void offer(PendingRun run, OverlapPolicy overlap) {
        JobLane lane = lanes.computeIfAbsent(run.job().id(), id -> new JobLane());
        JobLane.Admission admission = lane.offer(run, overlap, maxQueued);
        switch (admission) {
            case START -> submit(lane, run);
            case QUEUED -> LOG.debug("Run of {} ({}) waits for the previous run of the job", run.describe(), run.cause());
            default -> skip(run, admission.reason);
        }
    }

    private void skip(PendingRun run, String reason) {
        stats.skipped();
        LOG.info("Skipped the run of {} ({}): {}", run.describe(), run.cause(), reason);
    }

    private void submit(JobLane lane, PendingRun run) {
        try {
            workers.execute(() -> work(lane, run));
        } catch (RejectedExecutionException e) {
            abandon(run);
            lane.drain().forEach(Dispatcher::abandon);
        }
    }

    private void work(JobLane lane, PendingRun run) {
        Runnable complete = () -> abandon(run);
        try {
            if (!closed) {
                complete = execute(run);
            }
        } finally {
            PendingRun next = lane.next();
            if (next != null) {
                submit(lane, next);
            }
        }
        // Only now: whoever waits for the results may trigger the job again at once, and must find it free.
        complete.run();
    }

    /** Runs; returns what completes the caller's future, if someone asked for the run. */
    private Runnable execute(PendingRun run) {
        JobRunner runner = runners.get();
        if (runner == null) {
            // The runner left while the run waited.
            if (run.manual()) {
                return () -> run.result().completeExceptionally(new AssessmentException(
                        "the job runner went away; job '" + run.job().id() + "' was not run"));
            }
            skip(run, "no job runner is available");
            return () -> { };
        }
        LOG.debug("Running {} ({})", run.describe(), run.cause());
        List<AssessmentResult> results = new ArrayList<>();
        AssessmentException firstLoss = null;
        for (Task task : run.tasks()) {
            stats.started();
            AssessmentException loss = runTask(runner, run.job(), task, results);
            if (loss != null) {
                stats.failed();
                firstLoss = firstLoss == null ? loss : firstLoss;
            }
        }
        if (!run.manual()) {
            return () -> { };
        }
        AssessmentException loss = firstLoss;
        return loss == null ? () -> run.result().complete(List.copyOf(results))
                : () -> run.result().completeExceptionally(loss);
    }

    /** Runs every activity of a task; returns the first result lost, or {@code null}. */
    private static AssessmentException runTask(JobRunner runner, JobDefinition job, Task task,
            List<AssessmentResult> results) {
        AssessmentException loss = null;
        for (Activity activity : task.activities()) {
            String where = job.id() + "/" + task.id() + "/" + activity.id();
            try {
                results.add(runner.run(job, task.id(), activity.id()));
            } catch (AssessmentException e) {
                LOG.warn("The result of {} was lost: {}", where, e.getMessage());
                loss = loss == null ? e : loss;
            } catch (RuntimeException e) {
                // A runner must not throw anything else; if it does, the schedule goes on all the same.
                LOG.error("The run of {} failed", where, e);
                loss = loss == null ? new AssessmentException("the run of " + where + " failed: " + e, e) : loss;
            }
        }
        return loss;
    }

    private static void abandon(PendingRun run) {
        if (run.manual()) {
            run.result().completeExceptionally(new AssessmentException(
                    "the scheduler stopped before job '" + run.job().id() + "' ran"));
        }
    }

    /** Changes the number of workers; runs in progress are not affected. */
    synchronized void resize(int workerCount) {
        // The core size may never exceed the maximum, so the order depends on the direction.
        if (workerCount > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(workerCount);
            workers.setCorePoolSize(workerCount);
        } else {
            workers.setCorePoolSize(workerCount);
            workers.setMaximumPoolSize(workerCount);
        }
    }

    void maxQueued(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    int workerCount() {
        return workers.getMaximumPoolSize();
    }

    /** Runs in progress. */
    int running() {
        return workers.getActiveCount();
    }

    /** Runs waiting for their job's previous run. */
    int waiting() {
        return lanes.values().stream().mapToInt(JobLane::waiting).sum();
    }

    /**
     * Stops: runs waiting are dropped (a caller waiting on one gets an exception), runs in progress get
     * some time to finish and are then interrupted.
     */
    void close(long graceMillis) {
        closed = true;
        deferred.clear();
        workers.shutdown();
        lanes.values().forEach(lane -> lane.drain().forEach(Dispatcher::abandon));
        try {
            if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
