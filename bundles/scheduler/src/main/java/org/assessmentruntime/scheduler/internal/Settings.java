package org.assessmentruntime.scheduler.internal;

import java.lang.reflect.Proxy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.assessmentruntime.api.util.KarafPaths;
import org.assessmentruntime.scheduler.JobFiles;

/**
 * The scheduler's settings, resolved and checked: the configuration plus what is not configurable.
 *
 * @param jobsDirectory     directory of job files
 * @param stateDirectory    where the last fire times are kept
 * @param workerPoolSize    runs at the same time
 * @param defaultTimeZone   zone of job files' cron expressions that name none
 * @param defaultMissedRuns missed-run policy of job files that name none
 * @param maxQueuedRuns     triggered runs of a job that may wait
 * @param watchQuiet        quiet period after a watched path's last change before its task runs
 * @param watchMaxDelay     longest delay between a change and the run it triggers, however many follow
 * @param runnerWait        how long a run waits for a job runner that is away (being updated)
 * @param minInterval       shortest time between two timed runs of a task; the configuration cannot go
 *                          below {@link JobFiles#MIN_INTERVAL}, tests can
 * @param skipSummary       period over which the skipped runs of a job are summarised in one log line
 */
record Settings(Path jobsDirectory, Path stateDirectory, int workerPoolSize, ZoneId defaultTimeZone,
        MissedRunPolicy defaultMissedRuns, int maxQueuedRuns, Duration watchQuiet, Duration watchMaxDelay,
        Duration runnerWait, Duration minInterval, Duration skipSummary) {

    /** Issue: a change re-runs its task within 2 s; 500 ms of quiet absorbs an editor's save. */
    static final Duration WATCH_QUIET = Duration.ofMillis(500);
    static final Duration WATCH_MAX_DELAY = Duration.ofMillis(1500);
    /** A job whose runs are skipped at every fire logs one line a minute about it, not one per fire. */
    static final Duration SKIP_SUMMARY = Duration.ofSeconds(60);

    /** Checks. */
    Settings {
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("workerPoolSize must be at least 1, got " + workerPoolSize);
        }
        if (maxQueuedRuns < 0) {
            throw new IllegalArgumentException("maxQueuedRuns must not be negative, got " + maxQueuedRuns);
        }
        if (runnerWait.isNegative()) {
            throw new IllegalArgumentException("runnerWaitSeconds must not be negative, got " + runnerWait.toSeconds());
        }
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("minIntervalSeconds must be positive, got " + minInterval);
        }
        if (skipSummary.isNegative() || skipSummary.isZero()) {
            throw new IllegalArgumentException("the skip summary period must be positive, got " + skipSummary);
        }
    }

    /**
     * Resolves a configuration: an empty jobs directory is {@code ${karaf.etc}/jobs}; the state lives in
     * {@code ${karaf.data}/scheduler}, which survives restarts (and is wiped by a clean start, which then
     * counts as a first start).
     *
     * @throws IllegalArgumentException naming the attribute, if a value is not valid
     */
    static Settings from(SchedulerConfig config) {
        String jobs = config.jobsDirectory() == null ? "" : config.jobsDirectory().strip();
        Path jobsDirectory = jobs.isEmpty() ? Path.of(System.getProperty("karaf.etc", "etc"), "jobs") : Path.of(jobs);
        Path stateDirectory = KarafPaths.dataDirectory("scheduler");
        return new Settings(jobsDirectory.toAbsolutePath(), stateDirectory.toAbsolutePath(), config.workerPoolSize(),
                zone(config.defaultTimeZone()), missedRuns(config.defaultMissedRuns()), config.maxQueuedRuns(),
                WATCH_QUIET, WATCH_MAX_DELAY, Duration.ofSeconds(config.runnerWaitSeconds()),
                minInterval(config.minIntervalSeconds()), SKIP_SUMMARY);
    }

    /**
     * The settings of a configuration and the values it rejected.
     *
     * @param settings what applies: each rejected value replaced by the fallback's
     * @param problems one line per rejected value: the key, why, and what is kept
     */
    record Resolved(Settings settings, List<String> problems) {

        /** Copies. */
        Resolved {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Resolves a configuration like {@link #from}, but a value that is not valid does not fail the whole:
     * it keeps the fallback's value (the previous settings, or the defaults at start) and is named in the
     * problems, so that a typo in etc/ neither stops the scheduler nor hides in the log. What is not
     * configurable (state directory, debounce and summary periods) is the fallback's.
     */
    static Resolved resolve(SchedulerConfig config, Settings fallback) {
        List<String> problems = new ArrayList<>();
        Path jobsDirectory = take(problems, () -> jobsDirectory(config.jobsDirectory()), fallback.jobsDirectory());
        int workers = take(problems, () -> atLeast("workerPoolSize", config.workerPoolSize(), 1),
                fallback.workerPoolSize());
        ZoneId zone = take(problems, () -> zone(config.defaultTimeZone()), fallback.defaultTimeZone());
        MissedRunPolicy missed = take(problems, () -> missedRuns(config.defaultMissedRuns()),
                fallback.defaultMissedRuns());
        int queued = take(problems, () -> atLeast("maxQueuedRuns", config.maxQueuedRuns(), 0),
                fallback.maxQueuedRuns());
        Duration runnerWait = take(problems, () -> Duration.ofSeconds(
                atLeast("runnerWaitSeconds", config.runnerWaitSeconds(), 0)), fallback.runnerWait());
        Duration minInterval = take(problems, () -> minInterval(config.minIntervalSeconds()), fallback.minInterval());
        return new Resolved(new Settings(jobsDirectory, fallback.stateDirectory(), workers, zone, missed, queued,
                fallback.watchQuiet(), fallback.watchMaxDelay(), runnerWait, minInterval, fallback.skipSummary()),
                problems);
    }

    /** The settings of the configuration's declared defaults. */
    static Settings defaults() {
        SchedulerConfig declared = (SchedulerConfig) Proxy.newProxyInstance(SchedulerConfig.class.getClassLoader(),
                new Class<?>[] { SchedulerConfig.class }, (proxy, method, args) -> method.getDefaultValue());
        return from(declared);
    }

    private static <T> T take(List<String> problems, Supplier<T> value, T kept) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            // The messages start with the key: "workerPoolSize must be at least 1, got 0".
            problems.add(e.getMessage() + " (keeping " + kept + ")");
            return kept;
        }
    }

    private static <N extends Number> N atLeast(String key, N value, long minimum) {
        if (value.longValue() < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static Path jobsDirectory(String value) {
        String jobs = value == null ? "" : value.strip();
        try {
            return (jobs.isEmpty() ? Path.of(System.getProperty("karaf.etc", "etc"), "jobs") : Path.of(jobs))
                    .toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("jobsDirectory '" + jobs + "' is not a path: " + e.getMessage(), e);
        }
    }

    /** A reader of job files with these defaults and this minimum interval. */
    JobFiles jobFiles() {
        return new JobFiles(defaultTimeZone, defaultMissedRuns, minInterval);
    }

    private static Duration minInterval(long seconds) {
        // The floor is what stops a job from keeping the timer and the log busy; configuration may only raise it.
        if (seconds < JobFiles.MIN_INTERVAL.toSeconds()) {
            throw new IllegalArgumentException("minIntervalSeconds must be at least " + JobFiles.MIN_INTERVAL.toSeconds()
                    + ", got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static ZoneId zone(String value) {
        String zone = value == null ? "" : value.strip();
        if (zone.isEmpty() || zone.equalsIgnoreCase("system")) {
            return zone.isEmpty() ? ZoneId.of("UTC") : ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("defaultTimeZone '" + zone + "' is not a time zone id (e.g. UTC, "
                    + "Europe/Berlin) nor 'system'", e);
        }
    }

    private static MissedRunPolicy missedRuns(String value) {
        try {
            return MissedRunPolicy.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("defaultMissedRuns '" + value + "' must be SKIP or RUN_ONCE", e);
        }
    }
}
