package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs scheduled through the Scheduler API (the control plane's, through configuration) are the
 * scheduler's to keep: they survive a restart as job files do, go when unscheduled, and never share an id
 * with a job file.
 */
class ApiJobsTest {

    @TempDir
    Path jobs;
    @TempDir
    Path state;

    private final List<SchedulerService> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(SchedulerService::deactivate);
    }

    private SchedulerService start(ZoneId defaultZone) throws Exception {
        SchedulerService scheduler = new SchedulerService(new Settings(jobs, state, 1, defaultZone,
                MissedRunPolicy.RUN_ONCE, 1, Settings.WATCH_QUIET, Settings.WATCH_MAX_DELAY, Duration.ofMillis(300),
                SchedulerServiceTest.MIN_INTERVAL, Settings.SKIP_SUMMARY), Clock.systemUTC(), new Random(7));
        started.add(scheduler);
        return scheduler;
    }

    private void stop(SchedulerService scheduler) {
        scheduler.deactivate();
        started.remove(scheduler);
    }

    private static JobDefinition cronJob(String id) {
        return Jobs.job(id, Jobs.task("t", Schedule.cron("0 0 6 * * *")));
    }

    @Test
    void aScheduledJobSurvivesARestartUnchangedAndGoesWhenUnscheduled() throws Exception {
        SchedulerService first = start(ZoneOffset.UTC);
        JobDefinition job = cronJob("remote-1");
        first.schedule(job);
        stop(first);

        // Another default zone and missed-run policy at the next start: the job keeps what it was given.
        SchedulerService second = start(ZoneId.of("Asia/Tokyo"));
        assertThat(second.job("remote-1")).hasValueSatisfying(j -> assertThat(j.job()).isEqualTo(job));
        assertThat(second.fileOf("remote-1")).as("not a job file").isEmpty();
        assertThat(second.health().state()).isEqualTo(HealthState.DEGRADED); // no job runner: nothing else
        assertThat(second.rejected()).isEmpty();

        assertThat(second.unschedule("remote-1")).isTrue();
        stop(second);
        assertThat(start(ZoneOffset.UTC).job("remote-1")).isEmpty();
    }

    @Test
    void aJobIdBelongsToTheJobFileOrToTheApiNeverBoth() throws Exception {
        Jobs.write(jobs, "local.json", Jobs.json("local", "\"cron\": \"0 0 6 * * *\""));
        SchedulerService scheduler = start(ZoneOffset.UTC);
        assertThatThrownBy(() -> scheduler.schedule(cronJob("local")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local.json");
        assertThat(scheduler.fileOf("local")).isPresent();

        scheduler.schedule(cronJob("remote"));
        Jobs.write(jobs, "copy.json", Jobs.json("remote", "\"interval\": \"PT1H\""));
        Await.until(() -> !scheduler.rejected().isEmpty(), () -> "copy.json rejected");
        assertThat(scheduler.rejected()).singleElement().satisfies(r -> {
            assertThat(r.file().getFileName()).hasToString("copy.json");
            assertThat(r.message()).contains("job id 'remote' is scheduled through the scheduler API");
        });
        assertThat(scheduler.job("remote").orElseThrow().job()).isEqualTo(cronJob("remote"));
    }

    @Test
    void aKeptJobThatNoLongerReadsBackIsReportedWithItsJsonError() throws Exception {
        Path kept = Files.createDirectories(state.resolve(SchedulerService.KEPT_JOBS_DIRECTORY));
        Files.writeString(kept.resolve("job-broken.json"), Jobs.json("broken", "\"cron\": \"0 0 25 * * *\""));

        SchedulerService scheduler = start(ZoneOffset.UTC);

        assertThat(scheduler.job("broken")).isEmpty();
        assertThat(scheduler.rejected()).singleElement().satisfies(r -> {
            assertThat(r.file().getFileName()).hasToString("job-broken.json");
            assertThat(r.field()).isEqualTo("$.tasks[0].schedule.cron");
        });
        assertThat(scheduler.health().detail()).contains("job-broken.json: $.tasks[0].schedule.cron");
    }
}
