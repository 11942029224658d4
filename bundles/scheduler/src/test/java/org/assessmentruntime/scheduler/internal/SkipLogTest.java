package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule;
import org.junit.jupiter.api.Test;

class SkipLogTest {

    private static final Duration PERIOD = Duration.ofSeconds(60);

    private final List<String> logged = new ArrayList<>();
    /** Summaries due, run by the test in place of the timer: the period passes when the test says so. */
    private final List<Runnable> due = new ArrayList<>();
    private final SkipLog log = new SkipLog((task, after) -> {
        assertThat(after).isEqualTo(PERIOD);
        due.add(task);
    }, PERIOD, logged::add);

    private static PendingRun run(String jobId) {
        JobDefinition job = Jobs.job(jobId, Jobs.task("t", Schedule.every(Duration.ofSeconds(1))));
        return PendingRun.triggered(job, job.tasks().get(0), "every PT1S");
    }

    private void periodEnds() {
        List<Runnable> now = List.copyOf(due);
        due.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aFloodOfSkipsLogsOneLineThenOneSummaryPerPeriod() {
        PendingRun flood = run("flood");
        for (int i = 0; i < 145_000; i++) {
            log.skipped(flood, "the previous run is still going (overlap SKIP)");
        }
        log.skipped(run("other"), "the queue of waiting runs is full");

        assertThat(logged).containsExactly(
                "Skipped the run of flood/t (every PT1S): the previous run is still going (overlap SKIP); further "
                        + "skips of job 'flood' are summarised every 60 s",
                "Skipped the run of other/t (every PT1S): the queue of waiting runs is full; further skips of job "
                        + "'other' are summarised every 60 s");
        logged.clear();

        periodEnds();
        assertThat(logged).containsExactly("Job 'flood': 144999 more fire(s) skipped in the last 60 s (last because "
                + "the previous run is still going (overlap SKIP))");
        assertThat(log.totals()).isEqualTo(Map.of("flood", 145_000L, "other", 1L));

        // A quiet period ends the summaries; the next skip is logged as it happens again.
        logged.clear();
        periodEnds();
        periodEnds();
        assertThat(logged).isEmpty();
        assertThat(due).isEmpty();
        log.skipped(flood, "busy");
        assertThat(logged).singleElement().asString().startsWith("Skipped the run of flood/t");
    }

    @Test
    void whatIsCountedIsLoggedWhenTheSchedulerStops() {
        log.skipped(run("j"), "busy");
        log.skipped(run("j"), "busy");
        log.skipped(run("j"), "busy");

        log.close();

        assertThat(logged).hasSize(2).last().asString()
                .isEqualTo("Job 'j': 2 more fire(s) skipped in the last 60 s (last because busy)");
    }
}
