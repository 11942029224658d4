package org.assessmentruntime.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Finding;

/** The table of results that {@code assessment:results} and {@code assessment:run --wait} print. */
final class ResultsTable {

    private static final int REASON_WIDTH = 60;

    private ResultsTable() {
    }

    static void print(List<AssessmentResult> results, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Ended");
        table.column("Job");
        table.column("Plugin").maxSize(36);
        table.column("Status");
        table.column("Findings");
        table.column("Reason").maxSize(REASON_WIDTH);
        table.column("Result");
        for (AssessmentResult r : results) {
            long failed = r.findings().stream().filter(f -> f.state() == Finding.State.NOT_SATISFIED).count();
            Object plugin = r.provenance().plugin() != null ? r.provenance().plugin() : r.provenance().requested();
            table.addRow().addContent(Timestamps.format(r.provenance().end()), r.jobId(), plugin, r.status(),
                    r.findings().isEmpty() ? "" : failed + "/" + r.findings().size() + " failed",
                    Titles.fit(r.reason(), REASON_WIDTH), r.resultId());
        }
        table.emptyTableText("No results.");
        table.print(out);
    }
}
