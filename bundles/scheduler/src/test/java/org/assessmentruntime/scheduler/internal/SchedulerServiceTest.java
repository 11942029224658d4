package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.assessmentruntime.api.model.Schedule.OverlapPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerServiceTest {

    @TempDir
    Path jobs;
    @TempDir
    Path state;
    @TempDir
    Path watched;

    /** Short, so that the runs waiting for a missing job runner give up within the test. */
    private static final Duration RUNNER_WAIT = Duration.ofMillis(300);
    /** Below the configurable floor, so that the tests can fire every 100 ms. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(50);

    private final FakeJobRunner runner = new FakeJobRunner();
    private final List<SchedulerService> started = new ArrayList<>();

    @AfterEach
    void stop() {
        runner.open();
        started.forEach(SchedulerService::deactivate);
    }

    private Settings settings(int workers, ZoneId zone) {
        return settings(workers, zone, RUNNER_WAIT);
    }

    private Settings settings(int workers, ZoneId zone, Duration runnerWait) {
        return new Settings(jobs, state, workers, zone, MissedRunPolicy.SKIP, 1, Settings.WATCH_QUIET,
                Settings.WATCH_MAX_DELAY, runnerWait, MIN_INTERVAL, Settings.SKIP_SUMMARY);
    }

    private SchedulerService start(Clock clock, boolean withRunner) throws Exception {
        SchedulerService scheduler = new SchedulerService(settings(2, ZoneOffset.UTC), clock, new Random(7));
        started.add(scheduler);
        if (withRunner) {
            scheduler.bindJobRunner(runner);
        }
        return scheduler;
    }

    private SchedulerService start() throws Exception {
        return start(Clock.systemUTC(), true);
    }

    private void stop(SchedulerService scheduler) {
        scheduler.deactivate();
        started.remove(scheduler);
    }

    @Test
    void schedulesValidJobFilesAndRejectsInvalidOnesNamingFileAndField() throws Exception {
        Jobs.write(jobs, "good.json", Jobs.json("good", "\"cron\": \"* * * * * *\""));
        Jobs.write(jobs, "bad.json", Jobs.json("bad", "\"cron\": \"0 0 25 * * *\""));

        SchedulerService scheduler = start();

        assertThat(scheduler.jobs()).extracting(j -> j.job().id()).containsExactly("good");
        assertThat(scheduler.rejected()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(jobs.resolve("bad.json"));
            assertThat(r.field()).isEqualTo("$.tasks[0].schedule.cron");
        });
        assertThat(scheduler.fileOf("good")).contains(jobs.resolve("good.json"));
        ComponentHealth health = scheduler.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("1 job file(s) rejected: bad.json: $.tasks[0].schedule.cron: "
                + "'0 0 25 * * *' is not a valid cron expression", "25 not in range");
        assertThat(health.facts()).containsEntry("rejectedFiles", "1").containsKey("rejected.bad.json");
        // The valid job keeps running: it fires every second.
        Await.until(() -> runner.count("good/") >= 1, () -> "a run of the valid job");
    }

    @Test
    void theStatusDetailCarriesEachRejectedFilesRealJsonError() throws Exception {
        Jobs.write(jobs, "cron.json", Jobs.json("cron", "\"cron\": \"0 0 25 * * *\""));
        Jobs.write(jobs, "unknown.json", Jobs.json("unknown", "\"cron\": \"0 0 1 * * *\", \"overlapp\": \"SKIP\""));
        Jobs.write(jobs, "type.json", Jobs.json("type", "\"cron\": \"0 0 1 * * *\"").replace(
                "\"tasks\": [", "\"planId\": [\"p\"], \"tasks\": ["));
        Jobs.write(jobs, "syntax.json", "{ \"id\": \"syntax\", \"tasks\": [ { \"id\": \"t\" }");
        Jobs.write(jobs, "empty-tasks.json", "{ \"id\": \"e\", \"title\": \"e\", \"tasks\": [] }");

        String detail = start().health().detail();

        assertThat(detail).contains("5 job file(s) rejected: ",
                "cron.json: $.tasks[0].schedule.cron: '0 0 25 * * *' is not a valid cron expression",
                "Value 25 not in range [0, 23]",
                "unknown.json: $.tasks[0].schedule.overlapp: unknown field 'overlapp'; known fields: [",
                "type.json: $.planId: expected a string, found an array",
                "syntax.json: $.tasks[0]: is not valid JSON at line 1, column ",
                "empty-tasks.json: $.tasks: JobDefinition.tasks of job 'e' must not be empty");
        // Jackson's Java-side words stay out of what operators read.
        assertThat(detail).doesNotContain("JsonToken", "java.util", "REDACTED", "StreamReadFeature");
    }

    @Test
    void aLongRejectionIsCutAtAWordInTheDetailAndKeptWholeInTheFacts() throws Exception {
        String field = "x".repeat(20) + " word".repeat(100);
        Jobs.write(jobs, "long.json", Jobs.json("long", "\"cron\": \"0 0 1 * * *\", \"" + field + "\": 1"));

        ComponentHealth health = start().health();

        assertThat(health.detail()).contains("long.json: $.tasks[0].schedule.").contains(" word…")
                .doesNotContain(field);
        assertThat(health.facts().get("rejected.long.json")).contains(field);
    }

    @Test
    void directoryWatchPicksUpAddedChangedAndRemovedFiles() throws Exception {
        SchedulerService scheduler = start();
        assertThat(scheduler.jobs()).isEmpty();

        Path file = Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT1H\""));
        Await.until(() -> scheduler.job("a").isPresent(), () -> "job a added");
        assertThat(scheduler.job("a").orElseThrow().nextFireTimes()).containsKey("t");

        Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT2H\""));
        Await.until(() -> Duration.ofHours(2).equals(interval(scheduler, "a")), () -> "job a changed");

        Files.delete(file);
        Await.until(() -> scheduler.job("a").isEmpty(), () -> "job a removed");
        assertThat(scheduler.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void aFileEditedIntoAnInvalidOneIsRejectedAndItsLastValidVersionKeepsRunning() throws Exception {
        Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT1H\""));
        SchedulerService scheduler = start();

        Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT1H\", \"overlapp\": \"SKIP\""));
        Await.until(() -> !scheduler.rejected().isEmpty(), () -> "a.json rejected");

        assertThat(scheduler.rejected().get(0).field()).isEqualTo("$.tasks[0].schedule.overlapp");
        assertThat(interval(scheduler, "a")).isEqualTo(Duration.ofHours(1));

        Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT3H\""));
        Await.until(() -> scheduler.rejected().isEmpty(), () -> "a.json accepted again");
        assertThat(interval(scheduler, "a")).isEqualTo(Duration.ofHours(3));
    }

    private static Duration interval(SchedulerService scheduler, String jobId) {
        return scheduler.job(jobId).map(j -> j.job().tasks().get(0).schedule().interval()).orElse(null);
    }

    @Test
    void aChangeOfAWatchedFileRunsTheTaskWithinTwoSeconds() throws Exception {
        Path config = Files.writeString(watched.resolve("sshd_config"), "PermitRootLogin no\n");
        Jobs.write(jobs, "w.json", Jobs.json("w", "\"watch\": [\"" + config + "\"]"));
        SchedulerService scheduler = start();
        assertThat(scheduler.job("w").orElseThrow().nextFireTimes()).as("not timed").isEmpty();

        long changed = System.nanoTime();
        Files.writeString(config, "PermitRootLogin yes\n");
        Await.until(() -> runner.count("w/") == 1, () -> "run after the change");

        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBurstOfWritesIsDebouncedIntoOneOrTwoRuns() throws Exception {
        Path config = Files.writeString(watched.resolve("sshd_config"), "0\n");
        Jobs.write(jobs, "w.json", Jobs.json("w", "\"watch\": [\"" + watched + "\"]"));
        start();

        for (int i = 1; i <= 10; i++) {
            Files.writeString(config, i + "\n");
            Await.sleep(30);
        }
        Await.until(() -> runner.count("w/") >= 1, () -> "a run after the burst");
        // Longer than the quiet period and the longest delay: every run the burst could cause has started.
        Await.sleep(Settings.WATCH_MAX_DELAY.plus(Settings.WATCH_QUIET).toMillis() + 500);

        assertThat(runner.count("w/")).isBetween(1L, 2L);
    }

    @Test
    void runNowRunsEveryActivityOfEveryTaskAndReturnsTheResults() throws Exception {
        SchedulerService scheduler = start();
        scheduler.schedule(Jobs.job("j", Jobs.task("t1", Schedule.cron("0 0 0 * * *"), "a1", "a2"),
                Jobs.task("t2", Schedule.MANUAL, "b1")));

        List<AssessmentResult> results = scheduler.runNow("j").toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(results).extracting(r -> r.jobId() + "/" + r.taskId() + "/" + r.activityId())
                .containsExactly("j/t1/a1", "j/t1/a2", "j/t2/b1");
        assertThatThrownBy(() -> scheduler.runNow("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void missedRunsRunOnceOrAreSkippedAcrossARestart() throws Exception {
        Jobs.write(jobs, "once.json", Jobs.json("once", "\"cron\": \"0 0 * * * *\", \"missedRuns\": \"RUN_ONCE\""));
        Jobs.write(jobs, "skip.json", Jobs.json("skip", "\"cron\": \"0 0 * * * *\", \"missedRuns\": \"SKIP\""));
        // The wall clock reads 10:15 at the first start, so the next hourly run is 45 minutes away.
        Clock at1015 = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-06-01T10:15:00Z")));

        SchedulerService first = start(at1015, true);
        // Never ran: RUN_ONCE runs it at once, SKIP waits for its next fire time.
        Await.until(() -> runner.count("once/") == 1, () -> "first run of 'once'");
        stop(first);
        assertThat(state.resolve(SchedulerService.FIRE_TIMES_FILE)).exists();

        SchedulerService soon = start(Clock.offset(at1015, Duration.ofMinutes(1)), true);
        Await.sleep(300);
        stop(soon);
        assertThat(runner.count("once/")).as("no fire time passed while down").isEqualTo(1);

        // Down over 11:00 and 12:00: one run for RUN_ONCE however many were missed, none for SKIP.
        start(Clock.offset(at1015, Duration.ofHours(2)), true);
        Await.until(() -> runner.count("once/") == 2, () -> "missed run of 'once'");
        Await.sleep(300);
        assertThat(runner.count("skip/")).isZero();
    }

    @Test
    void reconfigurationChangesPoolAndTimeZoneLiveWithoutLosingSchedules() throws Exception {
        Jobs.write(jobs, "f.json", Jobs.json("f", "\"cron\": \"0 0 6 * * *\""));
        SchedulerService scheduler = start();
        scheduler.schedule(Jobs.every("api", Duration.ofMillis(100), OverlapPolicy.SKIP));
        Await.until(() -> runner.count("api/") >= 1, () -> "api job runs");
        assertThat(zone(scheduler, "f")).isEqualTo(ZoneOffset.UTC);
        assertThat(scheduler.job("f").orElseThrow().nextFireTimes().get("t").atZone(ZoneOffset.UTC).getHour())
                .isEqualTo(6);

        scheduler.reconfigure(settings(3, ZoneId.of("Asia/Tokyo")));

        // The file relies on the default zone: it now fires at 06:00 Tokyo time (21:00 UTC).
        assertThat(zone(scheduler, "f")).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(scheduler.job("f").orElseThrow().nextFireTimes().get("t").atZone(ZoneOffset.UTC).getHour())
                .isEqualTo(21);
        assertThat(scheduler.health().facts()).containsEntry("workers", "3");
        long before = runner.count("api/");
        Await.until(() -> runner.count("api/") > before, () -> "api job still runs");
        assertThat(scheduler.jobs()).extracting(j -> j.job().id()).containsExactly("api", "f");
    }

    private static ZoneId zone(SchedulerService scheduler, String jobId) {
        return scheduler.job(jobId).orElseThrow().job().tasks().get(0).schedule().timeZone();
    }

    @Test
    void withoutAJobRunnerItKeepsSchedulingSkipsAfterTheRunnerWaitAndSaysSo() throws Exception {
        SchedulerService scheduler = start(Clock.systemUTC(), false);
        scheduler.schedule(Jobs.every("j", Duration.ofMillis(100), OverlapPolicy.SKIP));

        Await.until(() -> Long.parseLong(scheduler.health().facts().get("runsSkipped")) >= 2, () -> "skipped triggers");
        ComponentHealth health = scheduler.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("no job runner");
        assertThat(health.facts()).containsEntry("jobRunner", "missing");
        assertThat(scheduler.runNow("j").toCompletableFuture()).failsWithin(Duration.ofSeconds(10));

        scheduler.bindJobRunner(runner);
        Await.until(() -> runner.count("j/") >= 1, () -> "runs once a runner is there");
        assertThat(scheduler.health().state()).isEqualTo(HealthState.UP);
        scheduler.unbindJobRunner(runner);
        assertThat(scheduler.health().state()).isEqualTo(HealthState.DEGRADED);
    }

    @Test
    void firesWhileTheJobRunnerSaysItIsNotUpAreEachKeptAndRun() throws Exception {
        SchedulerService scheduler = start();
        scheduler.reconfigure(settings(2, ZoneOffset.UTC, Duration.ofSeconds(30)));
        AtomicReference<HealthState> runnerState = new AtomicReference<>(HealthState.DEGRADED);
        HealthIndicator runnerHealth = () -> new ComponentHealth(ComponentId.JOB_RUNNER, runnerState.get(),
                "waits for the results collector", Map.of());
        scheduler.bindJobRunnerHealth(runnerHealth);
        runner.close();
        scheduler.schedule(Jobs.every("j", Duration.ofMillis(100), OverlapPolicy.QUEUE));

        // The first run blocks in the runner (as one waiting for its collector would); later fires wait.
        Await.until(() -> Integer.parseInt(scheduler.health().facts().get("runsWaiting")) >= 5, () -> "kept fires");
        runnerState.set(HealthState.UP);
        runner.open();
        Await.until(() -> runner.count("j/") >= 6, () -> "the kept fires ran");
        assertThat(scheduler.health().facts()).containsEntry("runsSkipped", "0");
        scheduler.unbindJobRunnerHealth(runnerHealth);
    }

    @Test
    void startUpRunsWaitForAJobRunnerThatComesLater() throws Exception {
        Jobs.write(jobs, "once.json", Jobs.json("once", "\"cron\": \"0 0 6 * * *\", \"missedRuns\": \"RUN_ONCE\""));
        SchedulerService scheduler = start(Clock.systemUTC(), false);

        assertThat(scheduler.health().facts()).containsEntry("runsAwaitingRunner", "1").containsEntry("runsSkipped", "0");
        scheduler.bindJobRunner(runner);

        Await.until(() -> runner.count("once/") == 1, () -> "start-up run once the runner is there");
        assertThat(scheduler.health().facts()).containsEntry("runsAwaitingRunner", "0");
    }

    @Test
    void schedulingTheSameDefinitionAgainKeepsItsFireTimes() throws Exception {
        SchedulerService scheduler = start();
        JobDefinition job = Jobs.every("j", Duration.ofSeconds(30), OverlapPolicy.SKIP);
        scheduler.schedule(job);
        Map<String, Instant> next = scheduler.job("j").orElseThrow().nextFireTimes();
        assertThat(next).isNotEmpty();
        Await.sleep(50);

        // A job file written in two steps, or the control plane sending its jobs again, brings the same job
        // back: re-arming it would move its fire times (and lose or add a run around the change).
        scheduler.schedule(job);
        scheduler.schedule(Jobs.every("j", Duration.ofSeconds(30), OverlapPolicy.SKIP));

        assertThat(scheduler.job("j").orElseThrow().nextFireTimes()).isEqualTo(next);
        // A changed definition is re-armed.
        scheduler.schedule(Jobs.every("j", Duration.ofSeconds(20), OverlapPolicy.SKIP));
        assertThat(scheduler.job("j").orElseThrow().nextFireTimes()).isNotEqualTo(next);
    }

    @Test
    void anInvalidScheduleChangesNothingAndUnscheduleStopsTheJob() throws Exception {
        SchedulerService scheduler = start();
        JobDefinition job = Jobs.every("j", Duration.ofMillis(100), OverlapPolicy.SKIP);
        scheduler.schedule(job);

        assertThatThrownBy(() -> scheduler.schedule(Jobs.job("j", Jobs.task("t", Schedule.cron("0 0 25 * * *")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 0 25 * * *");
        assertThat(scheduler.job("j").map(ScheduledJob::job)).contains(job);

        Await.until(() -> runner.count("j/") >= 1, () -> "runs");
        assertThat(scheduler.unschedule("j")).isTrue();
        assertThat(scheduler.unschedule("j")).isFalse();
        Await.sleep(300);
        long after = runner.count("j/");
        Await.sleep(400);
        assertThat(runner.count("j/")).isEqualTo(after);
        assertThat(scheduler.jobs()).isEmpty();
    }

    @Test
    void healthIsUpWithItsFigures() throws Exception {
        Jobs.write(jobs, "a.json", Jobs.json("a", "\"cron\": \"0 0 6 * * *\""));
        SchedulerService scheduler = start();

        ComponentHealth health = scheduler.health();

        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.facts()).containsEntry("jobs", "1").containsEntry("jobsFromFiles", "1")
                .containsEntry("rejectedFiles", "0").containsEntry("jobRunner", "available")
                .containsEntry("nextFireTask", "a/t").containsKeys("nextFireTime", "runsStarted", "runsSkipped",
                        "runsFailed");
        assertThat(health.detail()).startsWith("1 jobs (1 from " + jobs + "), next run ");
    }

    @Test
    void aDisabledJobDoesNotFireButRunsOnDemandAndStaysDisabledAcrossAFileChangeAndARestart() throws Exception {
        Jobs.write(jobs, "d.json", Jobs.json("d", "\"interval\": \"PT0.1S\""));
        SchedulerService scheduler = start();
        Await.until(() -> runner.count("d/") >= 1, () -> "runs while enabled");

        assertThat(scheduler.setEnabled("d", false)).isTrue();
        assertThat(scheduler.setEnabled("d", false)).as("already disabled").isFalse();
        Await.sleep(300);
        long quiet = runner.count("d/");
        Await.sleep(400);
        assertThat(runner.count("d/")).as("no timed runs while disabled").isEqualTo(quiet);
        assertThat(scheduler.job("d").orElseThrow().enabled()).isFalse();
        ComponentHealth health = scheduler.health();
        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.facts()).containsEntry("jobsDisabled", "1").containsEntry("disabledJobs", "d")
                .containsEntry("runsSkipped", "0").doesNotContainKey("nextFireTask");
        assertThat(health.detail()).contains("1 disabled");

        // An operator's explicit request still runs it.
        assertThat(scheduler.runNow("d").toCompletableFuture().get(10, TimeUnit.SECONDS)).hasSize(1);
        assertThat(runner.count("d/")).isEqualTo(quiet + 1);

        Jobs.write(jobs, "d.json", Jobs.json("d", "\"interval\": \"PT0.2S\""));
        Await.until(() -> Duration.ofMillis(200).equals(interval(scheduler, "d")), () -> "job d changed");
        assertThat(scheduler.job("d").orElseThrow().enabled()).as("after a change of its file").isFalse();
        Path file = state.resolve(SchedulerService.DISABLED_JOBS_FILE);
        assertThat(Files.readAllLines(file)).contains("d");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        stop(scheduler);

        SchedulerService again = start();
        assertThat(again.job("d").orElseThrow().enabled()).as("after a restart").isFalse();
        Await.sleep(500);
        assertThat(runner.count("d/")).isEqualTo(quiet + 1);

        assertThat(again.setEnabled("d", true)).isTrue();
        Await.until(() -> runner.count("d/") > quiet + 1, () -> "runs again once enabled");
        assertThat(again.health().facts()).containsEntry("jobsDisabled", "0");
        assertThatThrownBy(() -> again.setEnabled("nope", false)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void aDisabledJobIgnoresChangesOfItsWatchedPaths() throws Exception {
        Path config = Files.writeString(watched.resolve("sshd_config"), "PermitRootLogin no\n");
        Jobs.write(jobs, "w.json", Jobs.json("w", "\"watch\": [\"" + config + "\"]"));
        SchedulerService scheduler = start();
        scheduler.setEnabled("w", false);

        Files.writeString(config, "PermitRootLogin yes\n");
        Await.sleep(Settings.WATCH_MAX_DELAY.plus(Settings.WATCH_QUIET).toMillis() + 500);

        assertThat(runner.count("w/")).isZero();
        assertThat(scheduler.health().facts()).containsEntry("runsSkipped", "0");
    }

    @Test
    void enablingAJobDoesNotReplayTheRunsItMissedWhileDisabled() throws Exception {
        Jobs.write(jobs, "once.json", Jobs.json("once", "\"cron\": \"0 0 * * * *\", \"missedRuns\": \"RUN_ONCE\""));
        Clock at1015 = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-06-01T10:15:00Z")));
        SchedulerService first = start(at1015, true);
        Await.until(() -> runner.count("once/") == 1, () -> "first run of 'once'");
        first.setEnabled("once", false);
        stop(first);

        // Down over 11:00 and 12:00 while disabled: nothing runs at the start, nor once it is enabled.
        SchedulerService later = start(Clock.offset(at1015, Duration.ofHours(2)), true);
        Await.sleep(300);
        later.setEnabled("once", true);
        Await.sleep(300);
        stop(later);
        start(Clock.offset(at1015, Duration.ofMinutes(121)), true);
        Await.sleep(300);

        assertThat(runner.count("once/")).isEqualTo(1);
    }

    private List<String> disabledList() {
        try {
            return Files.readAllLines(state.resolve(SchedulerService.DISABLED_JOBS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aJobWhoseFileIsRemovedComesBackEnabled() throws Exception {
        Path file = Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT1H\""));
        SchedulerService scheduler = start();
        scheduler.setEnabled("a", false);

        Files.delete(file);
        // unschedule drops the job, then rewrites the disabled list: wait for both, not just the first.
        Await.until(() -> scheduler.job("a").isEmpty() && !disabledList().contains("a"),
                () -> "job a removed and no longer listed as disabled");
        assertThat(Files.readAllLines(state.resolve(SchedulerService.DISABLED_JOBS_FILE))).doesNotContain("a");
        Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT1H\""));
        Await.until(() -> scheduler.job("a").isPresent(), () -> "job a back");

        assertThat(scheduler.job("a").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aRejectedConfigurationValueKeepsThePreviousSettingAndDegradesTheHealth() throws Exception {
        SchedulerService scheduler = start();

        scheduler.modified(Configs.of(Map.of("jobsDirectory", jobs.toString(), "workerPoolSize", 0,
                "maxQueuedRuns", 3)));

        ComponentHealth health = scheduler.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("configuration rejected (workerPoolSize must be at least 1, got 0 "
                + "(keeping 2))");
        assertThat(health.facts()).containsEntry("workers", "2")
                .containsEntry("rejectedSetting.1", "workerPoolSize must be at least 1, got 0 (keeping 2)");

        scheduler.modified(Configs.of(Map.of("jobsDirectory", jobs.toString(), "workerPoolSize", 4)));
        assertThat(scheduler.health().state()).isEqualTo(HealthState.UP);
        assertThat(scheduler.health().facts()).containsEntry("workers", "4").doesNotContainKey("rejectedSetting.1");
    }

    @Test
    void aRejectedValueAtActivationKeepsTheDefaultAndDegradesTheHealth() throws Exception {
        Settings.Resolved resolved = Settings.resolve(Configs.of(Map.of("jobsDirectory", jobs.toString(),
                "defaultTimeZone", "Mars/Olympus")), settings(2, ZoneOffset.UTC));
        SchedulerService scheduler = new SchedulerService(resolved, Clock.systemUTC(), new Random(7));
        started.add(scheduler);
        scheduler.bindJobRunner(runner);

        ComponentHealth health = scheduler.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("defaultTimeZone 'Mars/Olympus' is not a time zone id", "keeping Z");
    }
}
