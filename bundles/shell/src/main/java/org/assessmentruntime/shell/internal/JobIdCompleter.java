package org.assessmentruntime.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;

/** Completes the ids of the scheduled jobs. */
@Service
public class JobIdCompleter implements Completer {

    @Reference(optional = true)
    Scheduler scheduler;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        if (scheduler != null) {
            scheduler.jobs().stream().map(ScheduledJob::job).forEach(job -> ids.getStrings().add(job.id()));
        }
        return ids.complete(session, commandLine, candidates);
    }
}
