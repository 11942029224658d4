package org.assessmentruntime.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.StoredResult;

/** {@code assessment:result ID}: one stored result in full, the detail that {@code assessment:results} lists. */
@Service
@Command(scope = "assessment", name = "result", description = "Shows one stored result: its verdict, findings, "
        + "observations, risks, logs, provenance and delivery state.")
public class ResultCommand implements Action {

    @Reference(optional = true)
    ResultsCollector collector;

    @Argument(index = 0, name = "id", required = true, description = "The result's id (see assessment:results)")
    @Completion(RecentResultCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the stored result (with its delivery state) as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        UUID resultId = parse(id);
        StoredResult stored = Services.require(collector, "results collector").find(resultId)
                .orElseThrow(() -> new CommandException("no stored result " + resultId
                        + " (see assessment:results; retention removes old results)"));
        if (json) {
            System.out.println(Json.write(stored));
        } else {
            ResultDetail.print(stored, System.out);
        }
        return null;
    }

    private static UUID parse(String id) {
        String text = id == null ? "" : id.strip();
        try {
            // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form names a result.
            UUID parsed = UUID.fromString(text);
            if (parsed.toString().equalsIgnoreCase(text)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CommandException("a result id is a UUID as assessment:results lists it, got '"
                + Titles.fit(text, 80) + "'");
    }
}
