package org.assessmentruntime.scheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResultStatus;

/** Records runs, can hold them at a gate and can fail them; counts how many of one job overlap. */
final class FakeJobRunner implements JobRunner {

    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private volatile CountDownLatch gate;
    private volatile AssessmentException failure;

    /** Runs from now on block until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    void failWith(AssessmentException e) {
        failure = e;
    }

    /** {@code job/task/activity} of every run begun, in order. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    int inProgress() {
        return inProgress.get();
    }

    int maxInProgress() {
        return maxInProgress.get();
    }

    @Override
    public AssessmentResult run(JobDefinition job, String taskId, String activityId) throws AssessmentException {
        synchronized (this) {
            calls.add(job.id() + "/" + taskId + "/" + activityId);
        }
        maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        try {
            CountDownLatch g = gate;
            if (g != null && !g.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            if (failure != null) {
                throw failure;
            }
            return result(job, taskId, activityId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssessmentException("interrupted");
        } finally {
            inProgress.decrementAndGet();
        }
    }

    static AssessmentResult result(JobDefinition job, String taskId, String activityId) {
        Activity activity = job.task(taskId).orElseThrow().activity(activityId).orElseThrow();
        Instant now = Instant.now();
        return new AssessmentResult(UUID.randomUUID(), UUID.randomUUID(), job.id(), taskId, activityId, null, null,
                null, ResultStatus.PASS, null, null, activity.title(), null, null, null, null, null,
                new Provenance(activity.plugin(), null, null, null, null, "rt-test", now, now));
    }
}
