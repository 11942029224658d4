package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.assessmentruntime.api.model.Schedule.OverlapPolicy;
import org.assessmentruntime.scheduler.RejectedJobFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job files written to do harm: a schedule that fires a million times a second, a file that takes over
 * a shipped job's id, and a local user reading the scheduler's state.
 */
class HostileJobFilesTest {

    @TempDir
    Path jobs;
    @TempDir
    Path state;

    private final FakeJobRunner runner = new FakeJobRunner();
    private final List<SchedulerService> started = new ArrayList<>();

    @AfterEach
    void stop() {
        runner.open();
        started.forEach(SchedulerService::deactivate);
    }

    private Settings settings(Duration minInterval) {
        return new Settings(jobs, state, 2, ZoneOffset.UTC, MissedRunPolicy.SKIP, 1, Settings.WATCH_QUIET,
                Settings.WATCH_MAX_DELAY, Duration.ofMillis(300), minInterval, Settings.SKIP_SUMMARY);
    }

    private SchedulerService start(Duration minInterval) throws Exception {
        SchedulerService scheduler = new SchedulerService(settings(minInterval), Clock.systemUTC(), new Random(7));
        started.add(scheduler);
        scheduler.bindJobRunner(runner);
        return scheduler;
    }

    private void stop(SchedulerService scheduler) {
        scheduler.deactivate();
        started.remove(scheduler);
    }

    @Test
    void aMicrosecondIntervalIsRejectedNamingTheField() throws Exception {
        Jobs.write(jobs, "flood.json", Jobs.json("flood", "\"interval\": \"PT0.000001S\""));
        Jobs.write(jobs, "fine.json", Jobs.json("fine", "\"interval\": \"PT1S\""));

        SchedulerService scheduler = start(Duration.ofSeconds(1));

        assertThat(scheduler.job("flood")).isEmpty();
        assertThat(scheduler.job("fine")).isPresent();
        assertThat(scheduler.rejected()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(jobs.resolve("flood.json"));
            assertThat(r.field()).isEqualTo("$.tasks[0].schedule.interval");
            assertThat(r.message()).contains("PT0.000001S", "minimum interval of 1 s", "minIntervalSeconds");
        });
        assertThat(scheduler.health().detail()).contains("flood.json: $.tasks[0].schedule.interval: ", "PT0.000001S");
    }

    @Test
    void theApiRefusesAnIntervalBelowTheMinimumToo() throws Exception {
        SchedulerService scheduler = start(Duration.ofSeconds(1));

        assertThatThrownBy(() -> scheduler.schedule(Jobs.every("flood", Duration.ofNanos(1000), OverlapPolicy.SKIP)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job 'flood' task 't' schedule.interval", "minimum interval of 1 s");
        assertThat(scheduler.jobs()).isEmpty();
    }

    @Test
    void aRaisedMinimumRejectsCronsThatFireCloserAndStopsJobsBelowItLive() throws Exception {
        Jobs.write(jobs, "every-second.json", Jobs.json("every-second", "\"cron\": \"* * * * * *\""));
        Jobs.write(jobs, "minutely.json", Jobs.json("minutely", "\"interval\": \"PT30S\""));
        SchedulerService scheduler = start(Duration.ofSeconds(1));
        assertThat(scheduler.jobs()).hasSize(2);

        scheduler.reconfigure(settings(Duration.ofSeconds(60)));

        // A job below the new minimum does not keep its "last valid version": that version fires too often.
        assertThat(scheduler.jobs()).isEmpty();
        assertThat(scheduler.rejected()).extracting(RejectedJobFile::field)
                .containsExactly("$.tasks[0].schedule.cron", "$.tasks[0].schedule.interval");
        assertThat(scheduler.rejected().get(0).message()).contains("fires 1 s apart", "minimum interval of 60 s");
    }

    @Test
    void aFileSortingFirstCannotTakeOverAJobIdAnotherFileHad() throws Exception {
        Jobs.write(jobs, "host-os.json", Jobs.json("host-os", "\"interval\": \"PT1H\""));
        SchedulerService scheduler = start(Duration.ofSeconds(1));
        assertThat(scheduler.fileOf("host-os")).contains(jobs.resolve("host-os.json"));

        // Sorts before host-os.json; same id, other schedule (it would run the attacker's job as host-os).
        Jobs.write(jobs, "0-evil.json", Jobs.json("host-os", "\"interval\": \"PT2H\""));
        Await.until(() -> !scheduler.rejected().isEmpty(), () -> "the second file rejected");

        assertThat(scheduler.fileOf("host-os")).contains(jobs.resolve("host-os.json"));
        assertThat(interval(scheduler)).isEqualTo(Duration.ofHours(1));
        assertThat(scheduler.rejected()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(jobs.resolve("0-evil.json"));
            assertThat(r.field()).isEqualTo("$.id");
            assertThat(r.describe()).contains("0-evil.json", "host-os.json", "had it first");
        });
        ComponentHealth health = scheduler.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.facts()).containsKey("rejected.0-evil.json");

        // The first owner keeps the id across a restart, whatever the names' order says.
        stop(scheduler);
        SchedulerService restarted = start(Duration.ofSeconds(1));
        assertThat(restarted.fileOf("host-os")).contains(jobs.resolve("host-os.json"));
        assertThat(interval(restarted)).isEqualTo(Duration.ofHours(1));
        assertThat(restarted.rejected()).extracting(RejectedJobFile::file).containsExactly(jobs.resolve("0-evil.json"));

        // Once the owner is gone, the other file takes over at the next scan.
        Files.delete(jobs.resolve("host-os.json"));
        Await.until(() -> restarted.fileOf("host-os").equals(java.util.Optional.of(jobs.resolve("0-evil.json"))),
                () -> "the remaining file takes the id over");
        assertThat(interval(restarted)).isEqualTo(Duration.ofHours(2));
        assertThat(restarted.rejected()).isEmpty();
    }

    private static Duration interval(SchedulerService scheduler) {
        return scheduler.job("host-os").orElseThrow().job().tasks().get(0).schedule().interval();
    }

    @Test
    void stateFilesAreOwnerOnly() throws Exception {
        Jobs.write(jobs, "a.json", Jobs.json("a", "\"interval\": \"PT1H\""));
        SchedulerService scheduler = start(Duration.ofSeconds(1));
        stop(scheduler);

        for (String name : List.of(SchedulerService.FIRE_TIMES_FILE, SchedulerService.JOB_OWNERS_FILE)) {
            Path file = state.resolve(name);
            assertThat(file).as(name).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aNewStateDirectoryIsOwnerOnly() throws Exception {
        Path file = state.resolve("new/fire-times.properties");

        StateFiles.write(file, new byte[] { 'x' });
        StateFiles.write(file, new byte[] { 'y' });

        assertThat(Files.readString(file)).isEqualTo("y");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }
}
