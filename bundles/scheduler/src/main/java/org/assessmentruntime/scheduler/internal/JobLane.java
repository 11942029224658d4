package org.assessmentruntime.scheduler.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.assessmentruntime.api.model.Schedule.OverlapPolicy;

/**
 * Keeps one job from overlapping itself: at most one of its runs holds the lane; others wait in a
 * bounded queue or are skipped, as the firing task's overlap policy says. Runs someone asked for always
 * wait (the API promises they run), and do not count against the bound. So do runs of QUEUE tasks that
 * fired while no job runner was there ({@link PendingRun#held()}): each stands for a fire time that
 * would otherwise be lost to an update of the runtime, not for an overlap; they are bounded by time
 * instead (the dispatcher skips one whose wait for a runner ran out).
 */
final class JobLane {

    /** What became of a run offered to the lane. */
    enum Admission {
        /** The lane was free: run it now. */
        START(""),
        /** It waits for the lane. */
        QUEUED(""),
        /** Skipped: the previous run is still going and the task's policy is SKIP. */
        BUSY("the previous run is still going (overlap SKIP)"),
        /** Skipped: the bounded queue is full. */
        FULL("the queue of waiting runs is full"),
        /** Skipped: a run of the same task already waits and will see the same state. */
        ALREADY_QUEUED("a run of the same task already waits");

        final String reason;

        Admission(String reason) {
            this.reason = reason;
        }
    }

    private boolean busy;
    private final Deque<PendingRun> waiting = new ArrayDeque<>();

    synchronized Admission offer(PendingRun run, OverlapPolicy overlap, int maxQueued) {
        if (!busy) {
            busy = true;
            return Admission.START;
        }
        if (!run.manual()) {
            if (overlap == OverlapPolicy.SKIP) {
                return Admission.BUSY;
            }
            if (run.held()) {
                waiting.add(run);
                return Admission.QUEUED;
            }
            if (waiting.stream().anyMatch(run::sameTriggeredTask)) {
                return Admission.ALREADY_QUEUED;
            }
            if (waiting.stream().filter(w -> !w.manual() && !w.held()).count() >= maxQueued) {
                return Admission.FULL;
            }
        }
        waiting.add(run);
        return Admission.QUEUED;
    }

    /** After a run: the next one to start, which then holds the lane, or {@code null} when the lane is free. */
    synchronized PendingRun next() {
        PendingRun next = waiting.poll();
        busy = next != null;
        return next;
    }

    /** Frees the lane and hands back every waiting run (the scheduler is stopping). */
    synchronized List<PendingRun> drain() {
        List<PendingRun> drained = new ArrayList<>(waiting);
        waiting.clear();
        busy = false;
        return drained;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
