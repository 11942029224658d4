package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.assessmentruntime.api.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live triggers of one scheduled job: a timer per timed task and a watch per watched path. */
final class JobTriggers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobTriggers.class);

    private final JobDefinition job;
    private final Map<String, TaskTimer> timers = new LinkedHashMap<>();
    private final List<PathWatcher.Watch> watches = new ArrayList<>();
    private final List<String> unwatched = new ArrayList<>();
    private final List<PendingRun> deferred = new ArrayList<>();
    private final Dispatcher dispatcher;

    private JobTriggers(JobDefinition job, Dispatcher dispatcher) {
        this.job = job;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts a job's triggers, first running once the tasks whose policy is RUN_ONCE and that missed a
     * fire time while the runtime was down (or never ran); such a run waits for a job runner if there is
     * none yet.
     *
     * @throws IllegalArgumentException if a cron expression is not valid; nothing is started then
     */
    static JobTriggers arm(JobDefinition job, SchedulingContext context) {
        // Every trigger is built before any starts, so a bad one leaves nothing half-running.
        Map<Task, Trigger> timed = new LinkedHashMap<>();
        for (Task task : job.tasks()) {
            Triggers.of(task.schedule()).ifPresent(trigger -> timed.put(task, trigger));
        }
        JobTriggers armed = new JobTriggers(job, context.dispatcher());
        timed.forEach((task, trigger) -> armed.startTimer(task, trigger, context));
        for (Task task : job.tasks()) {
            for (String path : task.schedule().watch()) {
                armed.startWatch(task, path, context);
            }
        }
        return armed;
    }

    private void startTimer(Task task, Trigger trigger, SchedulingContext context) {
        Instant now = context.clock().instant();
        Optional<Instant> last = context.fireTimes().last(job.id(), task.id());
        if (context.disabled().contains(job.id())) {
            // Fires missed while disabled are not missed runs: enabling the job later must not replay them.
            context.fireTimes().record(job.id(), task.id(), now);
        } else if (task.schedule().missedRuns() == MissedRunPolicy.RUN_ONCE && MissedRuns.missed(trigger, last, now)) {
            LOG.info("Task {}/{} ({}) has not run since {}: running it once now (missed runs RUN_ONCE)", job.id(),
                    task.id(), trigger, last.map(Instant::toString).orElse("it was scheduled"));
            context.fireTimes().record(job.id(), task.id(), now);
            PendingRun waiting = context.dispatcher().triggerWhenReady(job, task, "missed run");
            if (waiting != null) {
                deferred.add(waiting);
            }
        } else if (last.isEmpty()) {
            // The baseline from which the next start tells whether a fire time passed while down.
            context.fireTimes().record(job.id(), task.id(), now);
        }
        TaskTimer timer = new TaskTimer(context, trigger, task.schedule().jitter(), () -> {
            // Recorded also while disabled: a fire passed while disabled is neither run nor missed.
            context.fireTimes().record(job.id(), task.id(), context.clock().instant());
            if (!context.disabled().contains(job.id())) {
                context.dispatcher().trigger(job, task, trigger.toString());
            }
        });
        timers.put(task.id(), timer);
        timer.start();
    }

    private void startWatch(Task task, String path, SchedulingContext context) {
        String cause = "change of " + path;
        try {
            watches.add(context.watcher().watch(Path.of(path), () -> {
                if (!context.disabled().contains(job.id())) {
                    context.dispatcher().trigger(job, task, cause);
                }
            }));
        } catch (IOException e) {
            unwatched.add(path);
            LOG.warn("Task {}/{} cannot watch {}; it runs on its other triggers only: {}", job.id(), task.id(), path,
                    e.toString());
        }
    }

    JobDefinition job() {
        return job;
    }

    /** Next fire time of each timed task that still fires, by task id. */
    Map<String, Instant> nextFireTimes() {
        Map<String, Instant> next = new LinkedHashMap<>();
        timers.forEach((task, timer) -> timer.nextFire().ifPresent(at -> next.put(task, at)));
        return next;
    }

    /** Watched paths whose directory did not exist when the job was scheduled. */
    List<String> unwatched() {
        return List.copyOf(unwatched);
    }

    /** Drops the start-up runs still waiting for a job runner (the job was disabled). */
    void cancelDeferred() {
        synchronized (deferred) {
            deferred.forEach(dispatcher::cancelDeferred);
            deferred.clear();
        }
    }

    @Override
    public void close() {
        timers.values().forEach(TaskTimer::cancel);
        watches.forEach(PathWatcher.Watch::close);
        cancelDeferred();
    }
}
