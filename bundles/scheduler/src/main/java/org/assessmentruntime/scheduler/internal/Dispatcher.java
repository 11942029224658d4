package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
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
import java.util.function.BooleanSupplier;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule.OverlapPolicy;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.api.util.ServiceWaiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands runs to the {@link JobRunner} on a bounded pool of workers, one run per job at a time
 * ({@link JobLane}). A run's failure — the runner throwing — is logged and counted, and never stops
 * the job's later runs.
 *
 * <p>The job runner may be away for a moment (its bundle being updated), or there but not ready (it
 * waits for a service of its own that is being updated, and a run given to it now would block). A run
 * then waits for a runner, up to the runner wait counted from when the run was asked for, rather than
 * being skipped; fire times of QUEUE tasks that pass meanwhile are each kept ({@link PendingRun#held()})
 * and run in order once the runner is back and ready. A run whose wait runs out is skipped (counted, and
 * logged through {@link SkipLog}, which summarises a job's skips rather than logging each), or fails if
 * someone asked for it; so is a kept run that could not start within the wait, which bounds how many are
 * kept. An activity whose runner went away under it (it threw, and is no longer the
 * current runner) is run again on the next one: a runner that throws stored no result.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ServiceWaiter<JobRunner> runners;
    private final BooleanSupplier runnerReady;
    private final RunStats stats;
    private final SkipLog skips;
    private final ThreadPoolExecutor workers;
    private final Map<String, JobLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, PendingRun> deferred = new ConcurrentHashMap<>();
    private volatile int maxQueued;
    private volatile Duration runnerWait;
    private volatile boolean closed;

    /**
     * @param runners     the job runner, when there is one
     * @param runnerReady whether the job runner there can take a run without waiting for a service
     * @param skips       where skipped runs are logged and counted per job
     */
    Dispatcher(ServiceWaiter<JobRunner> runners, BooleanSupplier runnerReady, RunStats stats, SkipLog skips,
            int workerCount, int maxQueued, Duration runnerWait) {
        this.runners = runners;
        this.runnerReady = runnerReady;
        this.stats = stats;
        this.skips = skips;
        this.maxQueued = maxQueued;
        this.runnerWait = runnerWait;
        // Core = max: a fixed pool whose size resize() can change live; idle workers time out.
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("assessment-scheduler-worker-"));
        workers.allowCoreThreadTimeOut(true);
    }

    /** Runs one task because its schedule fired or a watched path changed. */
    void trigger(JobDefinition job, Task task, String cause) {
        String away = runners.get() == null ? "there is no job runner"
                : runnerReady.getAsBoolean() ? null : "the job runner waits for a service";
        PendingRun run = PendingRun.triggered(job, task, cause, away != null);
        if (run.held()) {
            LOG.info("Run of {} ({}) is kept for up to {} s: {}", run.describe(), cause, runnerWait.toSeconds(),
                    away);
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

    /**
     * Runs every task of a job now, after a run in progress if there is one; without a job runner, once
     * one comes within the runner wait.
     */
    CompletableFuture<List<AssessmentResult>> runNow(JobDefinition job) {
        PendingRun run = PendingRun.manual(job);
        offer(run, OverlapPolicy.QUEUE);
        return run.result();
    }

    private void offer(PendingRun run, OverlapPolicy overlap) {
        JobLane lane = lanes.computeIfAbsent(run.job().id(), id -> new JobLane());
        JobLane.Admission admission = lane.offer(run, overlap, maxQueued);
        switch (admission) {
            case START -> submit(lane, run);
            case QUEUED -> LOG.debug("Run of {} ({}) waits for the previous run of the job", run.describe(), run.cause());
            case ALREADY_QUEUED -> {
                stats.coalesced();
                skip(run, admission.reason);
            }
            default -> skip(run, admission.reason);
        }
    }

    private void skip(PendingRun run, String reason) {
        stats.skipped();
        skips.skipped(run, reason);
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
        Duration wait = runnerWait;
        JobRunner runner = runners.awaitUntil(run.since() + wait.toNanos());
        if (runner == null) {
            String reason = "no job runner came within " + wait.toSeconds() + " s";
            if (run.manual()) {
                return () -> run.result().completeExceptionally(new AssessmentException(
                        reason + "; job '" + run.job().id() + "' was not run"));
            }
            skip(run, reason);
            return () -> { };
        }
        if (run.held() && System.nanoTime() - (run.since() + wait.toNanos()) > 0) {
            // Kept for a hold-up of the runtime that lasted longer than the wait: as if skipped then.
            skip(run, "it could not start within " + wait.toSeconds() + " s");
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
    private AssessmentException runTask(JobRunner first, JobDefinition job, Task task,
            List<AssessmentResult> results) {
        AssessmentException loss = null;
        JobRunner runner = first;
        for (Activity activity : task.activities()) {
            String where = job.id() + "/" + task.id() + "/" + activity.id();
            // A runner that arrived since the last activity (or the task's start) takes over.
            JobRunner current = runners.get();
            runner = current != null ? current : runner;
            while (true) {
                try {
                    results.add(runner.run(job, task.id(), activity.id()));
                    break;
                } catch (AssessmentException | RuntimeException e) {
                    JobRunner next = replacementOf(runner);
                    if (next != null) {
                        LOG.info("The job runner went away during {} ({}); running it again on the new one", where,
                                e.getMessage());
                        runner = next;
                        continue;
                    }
                    loss = loss == null ? lost(where, e) : loss;
                    break;
                }
            }
        }
        return loss;
    }

    /**
     * The runner that replaced one that threw, waiting for it; {@code null} if the one that threw is
     * still the current one (then its failure is the run's, not an update's).
     */
    private JobRunner replacementOf(JobRunner failed) {
        if (runners.get() == failed) {
            return null;
        }
        JobRunner next = runners.await(runnerWait);
        return next == failed ? null : next;
    }

    private static AssessmentException lost(String where, Exception e) {
        if (e instanceof AssessmentException assessment) {
            LOG.warn("The result of {} was lost: {}", where, e.getMessage());
            return assessment;
        }
        // A runner must not throw anything else; if it does, the schedule goes on all the same.
        LOG.error("The run of {} failed", where, e);
        return new AssessmentException("the run of " + where + " failed: " + e, e);
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

    /** How long a run waits for a job runner that is away, counted from when it was asked for. */
    void runnerWait(Duration runnerWait) {
        this.runnerWait = runnerWait;
    }

    Duration runnerWait() {
        return runnerWait;
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
        // Runs waiting for a job runner give up now rather than at the end of the grace period.
        runners.close();
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
