package org.assessmentruntime.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.ResultQuery;

/** Completes the ids of the most recent results, for {@code assessment:result}. */
@Service
public class RecentResultCompleter implements Completer {

    /** Enough for completion, and one cheap indexed query; a longer list is no help on a terminal. */
    static final int MAX = 50;

    @Reference(optional = true)
    ResultsCollector collector;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        if (collector != null) {
            collector.query(ResultQuery.latest(MAX)).forEach(r -> ids.getStrings().add(r.result().resultId().toString()));
        }
        return ids.complete(session, commandLine, candidates);
    }
}
