package org.assessmentruntime.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.Task;

/** {@code assessment:jobs}: the scheduled jobs, whether each is enabled, and when each runs next. */
@Service
@Command(scope = "assessment", name = "jobs", description = "Lists the scheduled jobs, whether each is enabled "
        + "(see assessment:job-disable), and when each runs next.")
public class JobsCommand implements Action {

    private static final int TITLE_WIDTH = 40;
    private static final int PLUGINS_WIDTH = 50;

    @Reference(optional = true)
    Scheduler scheduler;

    @Option(name = "--json", description = "Print the jobs as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        List<ScheduledJob> jobs = Services.require(scheduler, "scheduler").jobs();
        if (json) {
            System.out.println(Json.write(jobs));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Job");
        table.column("Title").maxSize(TITLE_WIDTH);
        table.column("Tasks").alignRight();
        table.column("Plugins").maxSize(PLUGINS_WIDTH);
        table.column("State");
        table.column("Next run");
        for (ScheduledJob scheduled : jobs) {
            List<String> plugins = scheduled.job().tasks().stream().map(Task::activities).flatMap(List::stream)
                    .map(Activity::plugin).map(Object::toString).distinct().toList();
            // A disabled job's fire times pass without a run: showing one would promise a run.
            String next = !scheduled.enabled() ? "on demand only"
                    : scheduled.nextFireTimes().values().stream().min(Comparable::compareTo)
                            .map(Timestamps::format).orElse("on demand / on change");
            table.addRow().addContent(scheduled.job().id(), Titles.fit(scheduled.job().title(), TITLE_WIDTH),
                    scheduled.job().tasks().size(), Titles.fit(String.join(", ", plugins), PLUGINS_WIDTH),
                    scheduled.enabled() ? "enabled" : "disabled", next);
        }
        table.emptyTableText("No jobs: add job definitions to etc/jobs/ (see etc/jobs/README.md).");
        table.print(System.out);
        return null;
    }
}
