package org.assessmentruntime.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;

/** {@code assessment:results}: the stored results, newest first. */
@Service
@Command(scope = "assessment", name = "results", description = "Lists stored results, newest first.")
public class ResultsCommand implements Action {

    @Reference(optional = true)
    ResultsCollector collector;

    @Option(name = "--job", description = "Only this job's results")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Option(name = "--plugin", description = "Only results of this plugin (namespace/name)")
    String plugin;

    @Option(name = "--status", description = "Only results with this status: PASS, FAIL, ERROR or NOT_APPLICABLE")
    @Completion(value = StringsCompleter.class, values = {"PASS", "FAIL", "ERROR", "NOT_APPLICABLE"})
    String status;

    @Option(name = "--limit", description = "At most this many (default 20)")
    int limit = 20;

    @Option(name = "--json", description = "Print the stored results (with delivery state) as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        if (limit < 1) {
            throw new CommandException("--limit must be at least 1, got " + limit);
        }
        ResultQuery query = new ResultQuery(JobIds.check(jobId, "--job"), plugin, parseStatus(), null, null,
                Math.min(limit, ResultQuery.MAX_LIMIT));
        List<StoredResult> stored = Services.require(collector, "results collector").query(query);
        if (json) {
            System.out.println(Json.write(stored));
            return null;
        }
        ResultsTable.print(stored.stream().map(StoredResult::result).toList(), System.out);
        return null;
    }

    private ResultStatus parseStatus() {
        if (status == null) {
            return null;
        }
        try {
            return ResultStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandException("--status must be PASS, FAIL, ERROR or NOT_APPLICABLE, got '" + status + "'");
        }
    }
}
