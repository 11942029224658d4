package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code assessment:job-enable}, {@code assessment:job-disable}, and how jobs and runs show the state. */
class JobCommandsTest {

    private final Scheduler scheduler = mock(Scheduler.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static ScheduledJob job(String id, boolean enabled) {
        Task task = new Task("t", "task t", Schedule.cron("0 0 6 * * *"), List.of(new Activity("a", "activity a",
                new PluginRef("examples/os-baseline", "^1.0"), null, null)));
        return new ScheduledJob(new JobDefinition(id, "job " + id, null, null, null, List.of(task)),
                Map.of("t", Instant.parse("2025-03-01T06:00:00Z")), enabled);
    }

    @Test
    void disableAndEnableSetTheStateAndSayWhatItMeans() throws Exception {
        when(scheduler.setEnabled("nightly", false)).thenReturn(true, false);
        when(scheduler.setEnabled("nightly", true)).thenReturn(true);
        JobDisableCommand disable = new JobDisableCommand();
        disable.scheduler = scheduler;
        disable.jobId = " nightly ";
        JobEnableCommand enable = new JobEnableCommand();
        enable.scheduler = scheduler;
        enable.jobId = "nightly";

        disable.execute();
        disable.execute();
        enable.execute();

        verify(scheduler).setEnabled("nightly", true);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "Disabled job nightly: its timed and change-triggered runs do not run",
                "assessment:run nightly still runs it", "Job nightly is already disabled",
                "Enabled job nightly: it runs on its schedule again; runs it missed while disabled are not replayed");
    }

    @Test
    void anUnknownJobFailsNamingIt() throws Exception {
        when(scheduler.setEnabled("nope", false)).thenThrow(new NotFoundException("no job 'nope' is scheduled"));
        when(scheduler.setEnabled("nope", true)).thenThrow(new NotFoundException("no job 'nope' is scheduled"));
        JobDisableCommand disable = new JobDisableCommand();
        disable.scheduler = scheduler;
        disable.jobId = "nope";
        JobEnableCommand enable = new JobEnableCommand();
        enable.scheduler = scheduler;
        enable.jobId = "nope";

        assertThatThrownBy(disable::execute).isInstanceOf(CommandException.class)
                .hasMessage("no job 'nope' is scheduled (see assessment:jobs)");
        assertThatThrownBy(enable::execute).isInstanceOf(CommandException.class).hasMessageContaining("'nope'");
        enable.jobId = "../x";
        assertThatThrownBy(enable::execute).isInstanceOf(CommandException.class).hasMessageContaining("is not a job id");
        enable.scheduler = null;
        enable.jobId = "x";
        assertThatThrownBy(enable::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("the scheduler is not running");
    }

    @Test
    void jobsShowsWhetherEachJobIsEnabled() {
        when(scheduler.jobs()).thenReturn(List.of(job("nightly", true), job("paused", false)));
        JobsCommand jobs = new JobsCommand();
        jobs.scheduler = scheduler;

        jobs.execute();
        String table = out.toString(StandardCharsets.UTF_8);
        out.reset();
        jobs.json = true;
        jobs.execute();
        String json = out.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("State");
        assertThat(table.lines().filter(l -> l.startsWith("nightly")).findFirst().orElseThrow())
                .contains("enabled").contains("2025-03-01");
        assertThat(table.lines().filter(l -> l.startsWith("paused")).findFirst().orElseThrow())
                .contains("disabled").contains("on demand only").doesNotContain("2025-03-01");
        assertThat(json).contains("\"enabled\" : true", "\"enabled\" : false");
    }

    @Test
    void runOfADisabledJobRunsItAndSaysItIsDisabled() throws Exception {
        when(scheduler.job("paused")).thenReturn(Optional.of(job("paused", false)));
        when(scheduler.job("nightly")).thenReturn(Optional.of(job("nightly", true)));
        when(scheduler.runNow("paused")).thenReturn(CompletableFuture.completedFuture(List.of()));
        when(scheduler.runNow("nightly")).thenReturn(CompletableFuture.completedFuture(List.of()));
        RunCommand run = new RunCommand();
        run.scheduler = scheduler;

        run.jobId = "paused";
        run.execute();
        run.jobId = "nightly";
        run.execute();

        verify(scheduler).runNow("paused");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "Job paused is disabled: running it on demand only (assessment:job-enable paused resumes its schedule)",
                "Started paused").doesNotContain("Job nightly is disabled");
    }
}
