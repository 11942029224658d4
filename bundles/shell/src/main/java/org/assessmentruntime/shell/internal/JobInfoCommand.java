package org.assessmentruntime.shell.internal;

import java.io.PrintStream;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Task;

/** {@code assessment:job-info}: one job's tasks, schedules and activities. */
@Service
@Command(scope = "assessment", name = "job-info", description = "Shows a job's tasks, schedules and activities.")
public class JobInfoCommand implements Action {

    @Reference(optional = true)
    Scheduler scheduler;

    @Argument(index = 0, name = "job", required = true, description = "The job's id")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Option(name = "--json", description = "Print the job as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        String id = JobIds.check(jobId, "job");
        ScheduledJob job = Services.require(scheduler, "scheduler").job(id)
                .orElseThrow(() -> new IllegalArgumentException("no job '" + jobId + "' (see assessment:jobs)"));
        PrintStream out = System.out;
        if (json) {
            out.println(Json.write(job));
            return null;
        }
        out.printf("%s  %s%n", job.job().id(), job.job().title());
        line(out, "plan", job.job().planId());
        line(out, "component", job.job().componentId());
        line(out, "control", job.job().controlId());
        for (Task task : job.job().tasks()) {
            out.printf("  task %s  %s%n", task.id(), task.title());
            out.printf("    schedule: %s%n", describe(task.schedule()));
            Instant next = job.nextFireTimes().get(task.id());
            out.printf("    next run: %s%n", next == null ? "on demand / on change" : Timestamps.format(next));
            for (Activity activity : task.activities()) {
                out.printf("    activity %s: %s (%s)%n", activity.id(), activity.plugin(), activity.title());
            }
        }
        return null;
    }

    private static void line(PrintStream out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.printf("  %s: %s%n", name, value);
        }
    }

    private static String describe(Schedule schedule) {
        if (schedule == null) {
            return "on demand only";
        }
        StringBuilder text = new StringBuilder();
        if (schedule.cron() != null) {
            text.append("cron '").append(schedule.cron()).append("' (").append(schedule.timeZone()).append(')');
        }
        if (schedule.interval() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("every ").append(schedule.interval());
        }
        if (!schedule.watch().isEmpty()) {
            text.append(text.isEmpty() ? "" : ", ").append("on change of ").append(schedule.watch());
        }
        return text.isEmpty() ? "on demand only" : text.toString();
    }
}
