package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Schedule.OverlapPolicy;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.api.util.ServiceWaiter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final Schedule SKIP = new Schedule(null, Duration.ofHours(1), null, null, null, OverlapPolicy.SKIP, null);
    private static final Schedule QUEUE = new Schedule(null, Duration.ofHours(1), null, null, null, OverlapPolicy.QUEUE, null);

    private final FakeJobRunner runner = new FakeJobRunner();
    private final ServiceWaiter<JobRunner> runners = new ServiceWaiter<>();
    private final RunStats stats = new RunStats();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    /** What the skip log wrote. */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final SkipLog skips = new SkipLog((task, after) -> { }, Duration.ofHours(1), logged::add);
    private final Dispatcher dispatcher = new Dispatcher(runners, ready::get, stats, skips, 2, 1, Duration.ofSeconds(20));

    {
        runners.set(runner);
    }

    @AfterEach
    void stop() {
        runner.open();
        dispatcher.close(5_000);
    }

    private void awaitIdle() {
        Await.until(() -> runner.inProgress() == 0 && dispatcher.waiting() == 0 && dispatcher.running() == 0,
                () -> "idle dispatcher, " + runner.inProgress() + " runs in progress");
    }

    @Test
    void skipPolicyDropsTriggersWhileThePreviousRunIsGoing() {
        JobDefinition job = Jobs.job("j", Jobs.task("t", SKIP));
        Task task = job.tasks().get(0);
        runner.close();

        dispatcher.trigger(job, task, "test");
        Await.until(() -> runner.inProgress() == 1, () -> "first run started");
        dispatcher.trigger(job, task, "test");
        dispatcher.trigger(job, task, "test");

        assertThat(stats.skippedCount()).isEqualTo(2);
        assertThat(stats.coalescedCount()).as("overlap SKIP drops fires; nothing waits to take them").isZero();
        // One line for the first skip; the second is only counted, for a summary (SkipLog).
        assertThat(logged).singleElement().asString().startsWith("Skipped the run of j/t (test)");
        assertThat(skips.totals()).containsEntry("j", 2L);
        runner.open();
        awaitIdle();
        assertThat(runner.calls()).containsExactly("j/t/a1");
        // The lane is free again.
        dispatcher.trigger(job, task, "test");
        Await.until(() -> runner.calls().size() == 2, () -> "second run");
        assertThat(runner.maxInProgress()).isEqualTo(1);
    }

    @Test
    void queuePolicyLetsOneRunWaitAndRunsItAfterwardsNeverOverlapping() {
        JobDefinition job = Jobs.job("j", Jobs.task("t", QUEUE));
        Task task = job.tasks().get(0);
        runner.close();

        dispatcher.trigger(job, task, "test");
        Await.until(() -> runner.inProgress() == 1, () -> "first run started");
        dispatcher.trigger(job, task, "test");
        dispatcher.trigger(job, task, "test");

        assertThat(dispatcher.waiting()).isEqualTo(1);
        assertThat(stats.skippedCount()).as("a run of the same task already waits").isEqualTo(1);
        assertThat(stats.coalescedCount()).as("that skip folded into the waiting run").isEqualTo(1);
        runner.open();
        Await.until(() -> runner.calls().size() == 2, () -> "queued run");
        awaitIdle();
        assertThat(runner.calls()).hasSize(2);
        assertThat(runner.maxInProgress()).isEqualTo(1);
        assertThat(stats.startedCount()).isEqualTo(2);
    }

    @Test
    void queueIsBoundedPerJobAndTheBoundChangesLive() {
        JobDefinition job = Jobs.job("j", Jobs.task("t1", QUEUE), Jobs.task("t2", QUEUE), Jobs.task("t3", QUEUE));
        runner.close();

        dispatcher.trigger(job, job.tasks().get(0), "test");
        Await.until(() -> runner.inProgress() == 1, () -> "first run started");
        dispatcher.trigger(job, job.tasks().get(1), "test");
        dispatcher.trigger(job, job.tasks().get(2), "test");
        assertThat(stats.skippedCount()).as("queue of one is full").isEqualTo(1);
        assertThat(stats.coalescedCount()).isZero();

        dispatcher.maxQueued(2);
        dispatcher.trigger(job, job.tasks().get(2), "test");
        assertThat(dispatcher.waiting()).isEqualTo(2);

        runner.open();
        Await.until(() -> runner.calls().size() == 3, () -> "all three tasks");
        assertThat(runner.calls()).containsExactly("j/t1/a1", "j/t2/a1", "j/t3/a1");
        assertThat(runner.maxInProgress()).isEqualTo(1);
    }

    @Test
    void runNowWaitsForTheRunningOneWhateverThePolicyAndReturnsEveryResult() throws Exception {
        JobDefinition job = Jobs.job("j", Jobs.task("t1", SKIP, "a1", "a2"), Jobs.task("t2", Schedule.MANUAL, "b1"));
        runner.close();
        dispatcher.trigger(job, job.tasks().get(0), "test");
        Await.until(() -> runner.inProgress() == 1, () -> "first run started");

        CompletableFuture<List<AssessmentResult>> results = dispatcher.runNow(job);

        assertThat(results).isNotDone();
        runner.open();
        assertThat(results.get(10, TimeUnit.SECONDS)).extracting(r -> r.taskId() + "/" + r.activityId())
                .containsExactly("t1/a1", "t1/a2", "t2/b1");
        assertThat(runner.maxInProgress()).isEqualTo(1);
    }

    @Test
    void differentJobsRunInParallelUpToThePoolSizeWhichChangesLive() {
        List<JobDefinition> jobs = List.of(Jobs.job("j1", Jobs.task("t", SKIP)), Jobs.job("j2", Jobs.task("t", SKIP)),
                Jobs.job("j3", Jobs.task("t", SKIP)));
        runner.close();

        jobs.forEach(job -> dispatcher.trigger(job, job.tasks().get(0), "test"));
        Await.until(() -> runner.inProgress() == 2, () -> "two runs in progress");
        Await.sleep(200);
        assertThat(runner.inProgress()).as("bounded by the pool").isEqualTo(2);

        dispatcher.resize(3);
        Await.until(() -> runner.inProgress() == 3, () -> "three runs in progress after resize");
        assertThat(dispatcher.workerCount()).isEqualTo(3);
    }

    @Test
    void aLostResultIsCountedAndDoesNotStopLaterRuns() throws Exception {
        JobDefinition job = Jobs.job("j", Jobs.task("t", SKIP));
        AssessmentException storeFull = new AssessmentException("result store is full");
        runner.failWith(storeFull);

        dispatcher.trigger(job, job.tasks().get(0), "test");
        Await.until(() -> stats.failedCount() == 1, () -> "failure counted");
        CompletableFuture<List<AssessmentResult>> asked = dispatcher.runNow(job);
        ExecutionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> asked.get(10, TimeUnit.SECONDS));
        runner.failWith(null);
        dispatcher.trigger(job, job.tasks().get(0), "test");

        assertThat(failed.getCause()).isSameAs(storeFull);
        Await.until(() -> runner.calls().size() == 3, () -> "third run after the failures");
        awaitIdle();
        assertThat(stats.failedCount()).isEqualTo(2);
    }

    @Test
    void withoutARunnerRunsWaitForTheBoundThenAreSkippedAndRunNowFailsCleanly() {
        runners.clear(runner);
        dispatcher.runnerWait(Duration.ofMillis(200));
        JobDefinition job = Jobs.job("j", Jobs.task("t", SKIP));

        dispatcher.trigger(job, job.tasks().get(0), "test");
        CompletableFuture<List<AssessmentResult>> asked = dispatcher.runNow(job);

        Await.until(() -> stats.skippedCount() == 1, () -> "the trigger skipped after the wait");
        assertThat(asked).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(AssessmentException.class).withMessageContaining("no job runner came within");
        assertThat(runner.calls()).isEmpty();
    }

    @Test
    void everyFireWhileTheRunnerIsAwayRunsInOrderOnceItIsBack() {
        runners.clear(runner);
        JobDefinition job = Jobs.job("j", Jobs.task("t", QUEUE));
        Task task = job.tasks().get(0);

        for (int i = 0; i < 5; i++) {
            dispatcher.trigger(job, task, "fire " + i);
        }
        assertThat(dispatcher.waiting()).as("held runs do not stand for each other").isEqualTo(4);
        CompletableFuture<List<AssessmentResult>> asked = dispatcher.runNow(job);
        runners.set(runner);

        assertThat(asked).succeedsWithin(Duration.ofSeconds(10));
        awaitIdle();
        assertThat(runner.calls()).hasSize(6);
        assertThat(stats.skippedCount()).isZero();
        assertThat(runner.maxInProgress()).isEqualTo(1);
        // Once the runner is back, the usual rule holds again: at most one triggered run waits.
        runner.close();
        dispatcher.trigger(job, task, "test");
        Await.until(() -> runner.inProgress() == 1, () -> "run started");
        dispatcher.trigger(job, task, "test");
        dispatcher.trigger(job, task, "test");
        assertThat(stats.skippedCount()).isEqualTo(1);
    }

    @Test
    void everyFireWhileTheRunnerWaitsForAServiceIsKeptAndRunsOnceItIsReady() {
        // The runner is there but not ready: the first run blocks in it, the fires behind it are kept.
        ready.set(false);
        runner.close();
        JobDefinition job = Jobs.job("j", Jobs.task("t", QUEUE));
        Task task = job.tasks().get(0);
        dispatcher.trigger(job, task, "fire 0");
        Await.until(() -> runner.inProgress() == 1, () -> "the first run blocks in the runner");
        for (int i = 1; i < 4; i++) {
            dispatcher.trigger(job, task, "fire " + i);
        }
        assertThat(dispatcher.waiting()).isEqualTo(3);

        ready.set(true);
        runner.open();
        Await.until(() -> runner.calls().size() == 4, () -> "every kept fire ran, " + runner.calls());
        awaitIdle();
        assertThat(stats.skippedCount()).isZero();
    }

    @Test
    void aKeptRunThatCannotStartWithinTheWaitIsSkippedSoTheKeptOnesStayBounded() {
        dispatcher.runnerWait(Duration.ofMillis(200));
        ready.set(false);
        runner.close();
        JobDefinition job = Jobs.job("j", Jobs.task("t", QUEUE));
        Task task = job.tasks().get(0);
        dispatcher.trigger(job, task, "fire 0");
        Await.until(() -> runner.inProgress() == 1, () -> "the first run blocks in the runner");
        dispatcher.trigger(job, task, "fire 1");
        dispatcher.trigger(job, task, "fire 2");
        long keptAt = System.nanoTime();
        Await.until(() -> System.nanoTime() - keptAt > TimeUnit.MILLISECONDS.toNanos(400), () -> "past the wait");

        runner.open();
        awaitIdle();
        assertThat(runner.calls()).hasSize(1);
        assertThat(stats.skippedCount()).isEqualTo(2);
    }

    @Test
    void aSkipTaskKeepsOneHeldRunNotEveryFire() {
        runners.clear(runner);
        JobDefinition job = Jobs.job("j", Jobs.task("t", SKIP));

        for (int i = 0; i < 3; i++) {
            dispatcher.trigger(job, job.tasks().get(0), "fire " + i);
        }
        runners.set(runner);

        Await.until(() -> runner.calls().size() == 1, () -> "the held run");
        awaitIdle();
        assertThat(stats.skippedCount()).isEqualTo(2);
    }

    @Test
    void heldRunsGiveUpEachAtItsOwnBoundSoTheQueueDoesNotGrowWithoutEnd() {
        runners.clear(runner);
        dispatcher.runnerWait(Duration.ofMillis(300));
        JobDefinition job = Jobs.job("j", Jobs.task("t", QUEUE));

        for (int i = 0; i < 4; i++) {
            dispatcher.trigger(job, job.tasks().get(0), "fire " + i);
        }

        // Each waited from its own fire time: all four are given up about one bound later, not four.
        Await.until(() -> stats.skippedCount() == 4, () -> "all held runs skipped, " + stats.skippedCount());
        assertThat(dispatcher.waiting()).isZero();
        runners.set(runner);
        dispatcher.trigger(job, job.tasks().get(0), "after");
        Await.until(() -> runner.calls().size() == 1, () -> "a run once the runner is back");
    }

    @Test
    void anActivityWhoseRunnerWentAwayUnderItRunsAgainOnTheNextOne() throws Exception {
        FakeJobRunner next = new FakeJobRunner();
        JobDefinition job = Jobs.job("j", Jobs.task("t", QUEUE, "a1", "a2"));
        runner.close();
        CompletableFuture<List<AssessmentResult>> asked = dispatcher.runNow(job);
        Await.until(() -> runner.inProgress() == 1, () -> "run started");

        // The runner is unbound while it runs a1, then fails it (its component stopping).
        runners.clear(runner);
        runner.failWith(new AssessmentException("the job runner is stopping"));
        runner.open();
        Thread.sleep(100);
        runners.set(next);

        assertThat(asked.get(10, TimeUnit.SECONDS)).hasSize(2);
        assertThat(runner.calls()).containsExactly("j/t/a1");
        assertThat(next.calls()).containsExactly("j/t/a1", "j/t/a2");
        assertThat(stats.failedCount()).isZero();
    }

    @Test
    void stoppingFailsTheRunsThatStillWait() {
        JobDefinition job = Jobs.job("j", Jobs.task("t", SKIP));
        runner.close();
        dispatcher.trigger(job, job.tasks().get(0), "test");
        Await.until(() -> runner.inProgress() == 1, () -> "first run started");
        CompletableFuture<List<AssessmentResult>> asked = dispatcher.runNow(job);

        dispatcher.close(100);

        assertThat(asked.handle((r, e) -> e).join()).isInstanceOf(AssessmentException.class)
                .hasMessageContaining("stopped");
    }
}
