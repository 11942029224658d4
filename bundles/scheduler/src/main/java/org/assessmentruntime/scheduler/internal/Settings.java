package org.assessmentruntime.scheduler.internal;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
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
 */
record Settings(Path jobsDirectory, Path stateDirectory, int workerPoolSize, ZoneId defaultTimeZone,
        MissedRunPolicy defaultMissedRuns, int maxQueuedRuns, Duration watchQuiet, Duration watchMaxDelay,
        Duration runnerWait) {

    /** Issue: a change re-runs its task within 2 s; 500 ms of quiet absorbs an editor's save. */
    static final Duration WATCH_QUIET = Duration.ofMillis(500);
    static final Duration WATCH_MAX_DELAY = Duration.ofMillis(1500);

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
        Path stateDirectory = Path.of(System.getProperty("karaf.data", "data"), "scheduler");
        return new Settings(jobsDirectory.toAbsolutePath(), stateDirectory.toAbsolutePath(), config.workerPoolSize(),
                zone(config.defaultTimeZone()), missedRuns(config.defaultMissedRuns()), config.maxQueuedRuns(),
                WATCH_QUIET, WATCH_MAX_DELAY, Duration.ofSeconds(config.runnerWaitSeconds()));
    }

    /** A reader of job files with these defaults. */
    JobFiles jobFiles() {
        return new JobFiles(defaultTimeZone, defaultMissedRuns);
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
