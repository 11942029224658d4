package org.assessmentruntime.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ParkedResults;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.StoredResult;

/**
 * {@code assessment:outbox}: what is waiting for delivery to the control plane, and the parked results
 * that delivery gave up on (the control plane rejected them), which an operator can send again.
 */
@Service
@Command(scope = "assessment", name = "outbox", description = "Shows the delivery backlog (pending and parked "
        + "results) and lists parked results; --retry sends parked results again.")
public class OutboxCommand implements Action {

    @Reference(optional = true)
    ResultsCollector collector;

    /** The collector's parked results: a service of their own, apart from the collector's API. */
    @Reference(optional = true)
    ParkedResults parkedResults;

    @Option(name = "--retry", multiValued = true, description = "Requeue this parked result for delivery (repeatable)")
    @Completion(ParkedResultCompleter.class)
    List<String> retry = new ArrayList<>();

    @Option(name = "--retry-all", description = "Requeue every parked result for delivery")
    boolean retryAll;

    @Option(name = "--limit", description = "List at most this many parked results (default 50)")
    int limit = 50;

    @Option(name = "--json", description = "Print the backlog and parked results as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() throws AssessmentException {
        ResultsCollector results = Services.require(collector, "results collector");
        ParkedResults outbox = Services.require(parkedResults, "results collector");
        if (limit < 1) {
            throw new CommandException("--limit must be at least 1, got " + limit);
        }
        List<UUID> requeue = new ArrayList<>();
        for (String id : retry) {
            requeue.add(parse(id));
        }
        if (retryAll) {
            outbox.parked(Integer.MAX_VALUE).forEach(r -> requeue.add(r.result().resultId()));
        }
        for (UUID id : requeue) {
            outbox.requeue(id);
        }
        DeliveryBacklog backlog = results.backlog();
        List<StoredResult> parked = outbox.parked(limit);
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("requeued", requeue);
            view.put("backlog", backlog);
            view.put("parked", parked.stream().map(OutboxCommand::row).toList());
            System.out.println(Json.write(view));
            return null;
        }
        if (!requeue.isEmpty()) {
            System.out.println("Requeued " + requeue.size() + " result(s) for delivery.");
        }
        System.out.println("Pending: " + backlog.pending() + (backlog.oldestPending() == null ? ""
                : " (oldest stored " + Timestamps.format(backlog.oldestPending()) + ")") + ", parked: " + backlog.parked());
        ShellTable table = new ShellTable();
        table.column("Result");
        table.column("Job");
        table.column("Stored");
        table.column("Attempts").alignRight();
        table.column("Why parked").maxSize(80).wrap();
        for (StoredResult r : parked) {
            table.addRow().addContent(r.result().resultId(), r.result().jobId(), Timestamps.format(r.storedAt()), r.attempts(),
                    r.lastError());
        }
        table.emptyTableText("No parked results.");
        table.print(System.out);
        return null;
    }

    private static Map<String, Object> row(StoredResult r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("resultId", r.result().resultId());
        row.put("jobId", r.result().jobId());
        row.put("storedAt", r.storedAt());
        row.put("attempts", r.attempts());
        row.put("lastError", r.lastError());
        return row;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandException("--retry needs a result id (a UUID, see assessment:outbox), got '" + id
                    + "'");
        }
    }
}
