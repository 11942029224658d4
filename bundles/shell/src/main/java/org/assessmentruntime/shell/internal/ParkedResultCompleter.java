package org.assessmentruntime.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.assessmentruntime.api.ParkedResults;

/** Completes the ids of parked results, for {@code assessment:outbox --retry}. */
@Service
public class ParkedResultCompleter implements Completer {

    /** Enough for completion; a longer list is no help on a terminal. */
    private static final int MAX = 200;

    @Reference(optional = true)
    ParkedResults parked;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        if (parked != null) {
            parked.parked(MAX).forEach(r -> ids.getStrings().add(r.result().resultId().toString()));
        }
        return ids.complete(session, commandLine, candidates);
    }
}
