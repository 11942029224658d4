package org.assessmentruntime.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.scheduler.internal.SchedulerAccess;
import org.assessmentruntime.scheduler.internal.SchedulerConfig;
import org.assessmentruntime.scheduler.internal.SchedulerService;

/**
 * Benchmark 5, the scheduler with 10,000 jobs whose runs are no-ops (a job runner that only notes the
 * time it was called), driven through the real {@code SchedulerService} with its default configuration
 * (2 workers, one timer thread, fire times kept on disk).
 *
 * <ul>
 * <li><b>Drift</b>: half the jobs on a cron expression {@code S/30 * * * * *} (every 30 s, at second S
 * = 0..29 of the half-minute), half on an interval of 30 s, so that the 10,000 jobs fire about 333
 * times a second in all, spread evenly. Drift is the time the job runner is called minus the fire time
 * it is for (the cron instant, or the interval job's first due time read from the scheduler plus
 * whole intervals). Over three windows of {@value #WINDOW_SECONDS} s each: p50, p99 and max per window.</li>
 * <li><b>Idle CPU</b>: another scheduler with 10,000 jobs none of which fires meanwhile (daily cron,
 * hourly interval): the CPU time of all the JVM's threads over {@value #IDLE_SECONDS} s, against the same
 * over as long before the scheduler existed; and the CPU time of that scheduler's own threads while the
 * drift is measured (over a minute, so it includes each timer's once-a-minute re-check).</li>
 * </ul>
 *
 * <p>Every job has a last fire time on record before it is scheduled, as after a restart (see
 * {@code start}).
 */
final class SchedulerScenario {

    static final int WINDOW_SECONDS = 10;
    static final int IDLE_SECONDS = 8;
    private static final long PERIOD_MILLIS = 30_000;
    /** A timer may fire up to 5 ms early (TaskTimer's tolerance): such a fire is for the coming fire time. */
    private static final long EARLY_MILLIS = 5;

    private final Path work;
    private final int jobs;
    private final int windows;
    private final List<ScenarioFigure> figures = new ArrayList<>();

    private final boolean withoutFireTimeFile;

    /**
     * @param withoutFireTimeFile diagnostic: make every write of the fire-times file fail at once (its
     *                            temporary file's path is a directory), to show the drift without the cost
     *                            of rewriting that file on every fire; no idle figures then
     */
    SchedulerScenario(Path work, boolean quick, boolean withoutFireTimeFile) {
        this.work = work;
        this.jobs = quick ? 1_000 : 10_000;
        this.windows = quick ? 1 : 3;
        this.withoutFireTimeFile = withoutFireTimeFile;
    }

    List<ScenarioFigure> run() throws Exception {
        if (withoutFireTimeFile) {
            drift();
            return figures;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        Thread.sleep(1_000);
        double before = cpuPercent(threads, IDLE_SECONDS);
        DeliveryScenario.log("JVM without a scheduler: %.3f %% of one core", before);

        Set<Long> existing = schedulerThreads(threads);
        SchedulerService idle = start("idle", (job, taskId, activityId) -> RESULT, ids("idle"));
        try {
            for (int i = 0; i < jobs; i++) {
                idle.schedule(job("idle" + i, i % 2 == 0 ? Schedule.cron((i % 60) + " " + (i / 60 % 60) + " 3 * * *")
                        : Schedule.every(Duration.ofHours(1))));
            }
            System.gc();
            Thread.sleep(2_000);
            double with = cpuPercent(threads, IDLE_SECONDS);
            DeliveryScenario.log("JVM with %d idle jobs: %.3f %% of one core", jobs, with);
            figures.add(new ScenarioFigure("scheduler.idle.baseline", "%", new double[] {before}, 0));
            figures.add(new ScenarioFigure("scheduler.idle", "%", new double[] {with}, jobs));

            // The idle scheduler's own threads over the whole drift scenario (more than a minute), which
            // includes the re-check every timer makes at least once a minute (TaskTimer's sleep slices).
            Set<Long> own = schedulerThreads(threads);
            own.removeAll(existing);
            long cpu = cpuTime(threads, own);
            long start = System.nanoTime();
            drift();
            double share = 100.0 * (cpuTime(threads, own) - cpu) / (System.nanoTime() - start);
            DeliveryScenario.log("the idle scheduler's threads over %d s: %.3f %% of one core",
                    (System.nanoTime() - start) / 1_000_000_000L, share);
            figures.add(new ScenarioFigure("scheduler.idle.threads", "%", new double[] {share}, jobs));
        } finally {
            SchedulerAccess.deactivate(idle);
        }
        return figures;
    }

    private void drift() throws Exception {
        Map<String, Long> phase = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<long[]> fires = new ConcurrentLinkedQueue<>();
        // Job ids are "j<index>"; the phase (fire time modulo the period) of each, known before it fires.
        JobRunner runner = (job, taskId, activityId) -> {
            long now = System.currentTimeMillis();
            Long p = phase.get(job.id());
            fires.add(new long[] {now, p == null ? Long.MIN_VALUE : p});
            return RESULT;
        };
        SchedulerService scheduler = start(withoutFireTimeFile ? "drift-nofile" : "drift", runner, ids("j"));
        try {
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                String id = "j" + i;
                if (i % 2 == 0) {
                    int second = (i / 2) % 30;
                    phase.put(id, second * 1000L);
                    scheduler.schedule(job(id, Schedule.cron(second + "/30 * * * * *")));
                } else {
                    scheduler.schedule(job(id, Schedule.every(Duration.ofMillis(PERIOD_MILLIS))));
                    Instant due = scheduler.job(id).orElseThrow().nextFireTimes().get("t");
                    phase.put(id, Math.floorMod(due.toEpochMilli(), PERIOD_MILLIS));
                }
            }
            long took = System.nanoTime() - start;
            DeliveryScenario.log("scheduled %d jobs in %d ms", jobs, took / 1_000_000);
            figures.add(new ScenarioFigure(key("schedule"), "ms", new double[] {took / 1e6}, jobs));

            // Interval jobs first fire one period after they were scheduled: start measuring once all have.
            long settle = Math.max(0, PERIOD_MILLIS - took / 1_000_000) + 1_000;
            Thread.sleep(settle);
            double[] p50 = new double[windows];
            double[] p99 = new double[windows];
            double[] max = new double[windows];
            long count = 0;
            for (int w = 0; w < windows; w++) {
                fires.clear();
                Thread.sleep(WINDOW_SECONDS * 1000L);
                List<Double> drifts = new ArrayList<>();
                for (long[] fire : fires) {
                    if (fire[1] == Long.MIN_VALUE) {
                        throw new IllegalStateException("a fire of an unknown job");
                    }
                    long late = Math.floorMod(fire[0] - fire[1] + EARLY_MILLIS, PERIOD_MILLIS) - EARLY_MILLIS;
                    drifts.add((double) late);
                }
                p50[w] = ScenarioFigure.percentile(drifts, 50);
                p99[w] = ScenarioFigure.percentile(drifts, 99);
                max[w] = ScenarioFigure.percentile(drifts, 100);
                count += drifts.size();
                DeliveryScenario.log("window %d: %d fires (%d expected), drift p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                        w, drifts.size(), (long) jobs * WINDOW_SECONDS * 1000 / PERIOD_MILLIS, p50[w], p99[w], max[w]);
            }
            figures.add(new ScenarioFigure(key("drift.p50"), "ms", p50, count));
            figures.add(new ScenarioFigure(key("drift.p99"), "ms", p99, count));
            figures.add(new ScenarioFigure(key("drift.max"), "ms", max, count));
            double expected = (double) jobs * WINDOW_SECONDS * windows * 1000 / PERIOD_MILLIS;
            figures.add(new ScenarioFigure(key("fires"), "fires/s", new double[] {count
                    / (double) (WINDOW_SECONDS * windows)}, (long) expected));
        } finally {
            SchedulerAccess.deactivate(scheduler);
        }
    }

    /**
     * CPU time of every thread of this JVM over a window, in percent of one core; from the threads' own
     * clocks (nanoseconds), since the process's CPU time counts in 10 ms ticks, too coarse for an idle JVM.
     */
    private static double cpuPercent(ThreadMXBean threads, int seconds) throws InterruptedException {
        Set<Long> all = new java.util.HashSet<>();
        for (long id : threads.getAllThreadIds()) {
            all.add(id);
        }
        long cpu = cpuTime(threads, all);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (cpuTime(threads, all) - cpu) / (System.nanoTime() - start);
    }

    private static long cpuTime(ThreadMXBean threads, Set<Long> ids) {
        long total = 0;
        for (long id : ids) {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        return total;
    }

    /** Ids of the scheduler threads (timer, workers, watcher) alive now. */
    private static Set<Long> schedulerThreads(ThreadMXBean threads) {
        Set<Long> ids = new java.util.HashSet<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("assessment-scheduler")) {
                ids.add(info.getThreadId());
            }
        }
        return ids;
    }

    /**
     * A scheduler on the default configuration, with a last fire time on record for each job id given
     * (as after a restart of a runtime that had these jobs): arming a job that has none writes the whole
     * fire-times file once per job (FireTimes.record from JobTriggers.startTimer), which makes scheduling
     * 10,000 new jobs take about 18 s, growing with the square of the number; that is reported
     * separately (RESULTS.md), not measured here.
     */
    private SchedulerService start(String name, JobRunner runner, List<String> jobIds) throws Exception {
        // Settings.from reads the state directory from karaf.data; the jobs directory is configured (empty).
        Path root = work.resolve(name);
        System.setProperty("karaf.data", root.resolve("data").toString());
        System.setProperty("karaf.etc", root.resolve("etc").toString());
        Path jobsDirectory = Files.createDirectories(root.resolve("jobs"));
        Path state = Files.createDirectories(root.resolve("data").resolve("scheduler"));
        java.util.Properties times = new java.util.Properties();
        String now = Instant.now().toString();
        jobIds.forEach(id -> times.setProperty(id + "/t", now));
        try (var out = Files.newBufferedWriter(state.resolve("fire-times.properties"))) {
            times.store(out, "seeded by the benchmark");
        }
        if (withoutFireTimeFile) {
            Files.createDirectories(state.resolve("fire-times.properties.tmp"));
        }
        SchedulerService scheduler = new SchedulerService(Configs.of(SchedulerConfig.class,
                Map.of("jobsDirectory", jobsDirectory.toString())));
        SchedulerAccess.bind(scheduler, runner);
        return scheduler;
    }

    private String key(String figure) {
        return (withoutFireTimeFile ? "scheduler.nofile." : "scheduler.") + figure;
    }

    private List<String> ids(String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static JobDefinition job(String id, Schedule schedule) {
        return new JobDefinition(id, "benchmark job " + id, null, null, null, List.of(new Task("t", "task",
                schedule, List.of(new Activity("a", "activity", new PluginRef("benchmarks/noop", PluginRef.ANY),
                        Map.of(), null)))));
    }

    /** What the no-op job runner returns for every run. */
    private static final AssessmentResult RESULT;

    static {
        Instant now = Instant.now();
        PluginRef ref = new PluginRef("benchmarks/noop", PluginRef.ANY);
        RESULT = new AssessmentResult(UUID.randomUUID(), UUID.randomUUID(), "j0", "t", "a", null, null, null,
                ResultStatus.PASS, null, "no-op", "no-op", List.of(), List.of(), List.of(), List.of(), List.of(),
                new Provenance(ref, null, null, "", null, "benchmark-runtime", now, now));
    }
}
