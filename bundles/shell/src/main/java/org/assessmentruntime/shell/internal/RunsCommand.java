package org.assessmentruntime.shell.internal;

import java.time.Duration;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.RunSummary;

/**
 * {@code assessment:runs}: recent job runs, each with its verdict and counts by status, newest first: by
 * when the run ended (its last result), the order {@link RunSummary#of} gives, which is why the table
 * leads with the end time.
 */
@Service
@Command(scope = "assessment", name = "runs", description = "Lists recent job runs, newest (latest ended) first, "
        + "with their verdict and counts of results by status.")
public class RunsCommand implements Action {

    @Reference(optional = true)
    ResultsCollector collector;

    @Option(name = "--job", description = "Only this job's runs")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Option(name = "--limit", description = "Read at most this many recent results (default 500)")
    int limit = 500;

    @Option(name = "--json", description = "Print the runs as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        if (limit < 1) {
            throw new CommandException("--limit must be at least 1, got " + limit);
        }
        List<RunSummary> runs = RunSummary.of(Services.require(collector, "results collector")
                .query(new ResultQuery(JobIds.check(jobId, "--job"), null, null, null, null, Math.min(limit, ResultQuery.MAX_LIMIT)))
                .stream().map(StoredResult::result).toList());
        if (json) {
            System.out.println(Json.write(runs));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Ended");
        table.column("Took").alignRight();
        table.column("Job");
        table.column("Verdict");
        table.column("Pass").alignRight();
        table.column("Fail").alignRight();
        table.column("Error").alignRight();
        table.column("N/A").alignRight();
        table.column("Run");
        for (RunSummary run : runs) {
            table.addRow().addContent(Timestamps.format(run.end()),
                    Durations.human(Duration.between(run.start(), run.end()).toMillis()), run.jobId(), run.verdict(),
                    run.counts().getOrDefault(ResultStatus.PASS, 0), run.counts().getOrDefault(ResultStatus.FAIL, 0),
                    run.counts().getOrDefault(ResultStatus.ERROR, 0),
                    run.counts().getOrDefault(ResultStatus.NOT_APPLICABLE, 0), run.runId());
        }
        table.emptyTableText("No runs yet.");
        table.print(System.out);
        return null;
    }
}
