package org.assessmentruntime.scheduler.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Logs skipped runs without flooding the log: the first skip of a job is logged as it happens, those
 * that follow within the period are counted and logged as one summary line at its end ("job 'x': 1234
 * fires skipped in the last 60 s ..."); a job that keeps being skipped logs one line per period. Every
 * skip is also counted per job since the scheduler started, for its health.
 *
 * <p>Why: a task that fires faster than it runs is skipped at every fire (overlap SKIP), and one line per
 * fire buried everything else in the log (145,000 lines in 30 s before intervals had a minimum).
 */
final class SkipLog {

    private final Later timer;
    private final Duration period;
    private final Consumer<String> log;
    /** Jobs whose skips are being counted for a summary, by job id; guarded by {@code this}. */
    private final Map<String, Window> open = new HashMap<>();
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();

    /** Runs a task once, after a delay; throws {@link RejectedExecutionException} when stopping. */
    @FunctionalInterface
    interface Later {
        void run(Runnable task, Duration after);

        /** On a scheduled executor. */
        static Later on(ScheduledExecutorService executor) {
            return (task, after) -> executor.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Skips of one job since its last line. */
    private static final class Window {
        long count;
        String lastReason;
    }

    /**
     * @param timer  runs the summaries at the end of each period
     * @param period how long skips of a job are counted before they are summarised
     * @param log    where the lines go
     */
    SkipLog(Later timer, Duration period, Consumer<String> log) {
        this.timer = timer;
        this.period = period;
        this.log = log;
    }

    /** A run was skipped. */
    void skipped(PendingRun run, String reason) {
        String job = run.job().id();
        totals.computeIfAbsent(job, id -> new AtomicLong()).incrementAndGet();
        synchronized (this) {
            Window window = open.get(job);
            if (window != null) {
                window.count++;
                window.lastReason = reason;
                return;
            }
            open.put(job, new Window());
        }
        log.accept("Skipped the run of " + run.describe() + " (" + run.cause() + "): " + reason
                + "; further skips of job '" + job + "' are summarised every " + period.toSeconds() + " s");
        summariseLater(job);
    }

    private void summariseLater(String job) {
        try {
            timer.run(() -> summarise(job), period);
        } catch (RejectedExecutionException e) {
            // The scheduler is stopping: close() reports what is counted.
        }
    }

    private void summarise(String job) {
        long count;
        String reason;
        synchronized (this) {
            Window window = open.get(job);
            if (window == null) {
                return;
            }
            if (window.count == 0) {
                // A quiet period: the next skip is news again and is logged as it happens.
                open.remove(job);
                return;
            }
            count = window.count;
            reason = window.lastReason;
            window.count = 0;
        }
        log.accept(line(job, count, reason));
        summariseLater(job);
    }

    private String line(String job, long count, String reason) {
        return "Job '" + job + "': " + count + " more fire(s) skipped in the last " + period.toSeconds()
                + " s (last because " + reason + ")";
    }

    /** Skipped runs of each job since the scheduler started, by job id; jobs never skipped are left out. */
    Map<String, Long> totals() {
        Map<String, Long> copy = new TreeMap<>();
        totals.forEach((job, count) -> copy.put(job, count.get()));
        return copy;
    }

    /** Logs the skips counted and not yet summarised (the scheduler stops). */
    void close() {
        Map<String, Window> pending;
        synchronized (this) {
            pending = new TreeMap<>(open);
            open.clear();
        }
        pending.forEach((job, window) -> {
            if (window.count > 0) {
                log.accept(line(job, window.count, window.lastReason));
            }
        });
    }
}
