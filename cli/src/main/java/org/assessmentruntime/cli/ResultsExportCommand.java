package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.OscalExporter;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.ResultStores;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assessment results export}: a result store as an OSCAL assessment-results document. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Export the results of a result store (the runtime's data/results, while the runtime is stopped: "
                    + "one process at a time) as an OSCAL " + OscalExporter.OSCAL_VERSION
                    + " assessment-results document.",
            "",
            "Example:",
            "  assessment results export --store karaf/data/results --oscal assessment-results.json",
            "" })
final class ResultsExportCommand implements Callable<Integer> {

    static final String NAME = "results export";

    private final Cli cli;

    @Option(names = "--oscal", paramLabel = "FILE", required = true,
            description = "Where to write the OSCAL document ('-' for stdout).")
    private String oscal;

    @Option(names = "--store", paramLabel = "DIR", required = true,
            description = "The result store's directory (with " + ResultStores.FILE_NAME + ").")
    private Path store;

    @Option(names = "--limit", paramLabel = "N",
            description = "Export at most the N latest results (default and maximum: " + ResultQuery.MAX_LIMIT + ").")
    private int limit = ResultQuery.MAX_LIMIT;

    ResultsExportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        if (limit < 1 || limit > ResultQuery.MAX_LIMIT) {
            cli.err().println(NAME + ": --limit must be between 1 and " + ResultQuery.MAX_LIMIT);
            return ExitCodes.USAGE;
        }
        if (!Files.isRegularFile(store.resolve(ResultStores.FILE_NAME))) {
            cli.err().println(NAME + ": " + store + " is not a result store (no " + ResultStores.FILE_NAME
                    + " in it)");
            return ExitCodes.NO_INPUT;
        }
        List<AssessmentResult> results;
        long unreadable;
        try (ResultStore opened = ResultStores.open(store)) {
            results = opened.query(ResultQuery.latest(limit)).stream().map(StoredResult::result).toList();
            unreadable = opened.unreadable();
        } catch (AssessmentException e) {
            cli.err().println(NAME + ": cannot open the result store " + store + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        if (unreadable > 0) {
            // Left out rather than failing the export; they stay in the store, untouched, for inspection.
            cli.err().println(NAME + ": " + unreadable + " unreadable stored result(s) skipped (damaged, or written "
                    + "by an incompatible runtime); they are left in " + store.resolve(ResultStores.FILE_NAME));
        }
        if (results.isEmpty()) {
            cli.err().println(NAME + ": " + store + " holds no results; an OSCAL document needs at least one");
            return ExitCodes.DATA;
        }
        OscalExporter exporter = new OscalExporter();
        if (oscal.equals("-")) {
            exporter.write(results, cli.out());
            cli.out().println();
            cli.out().flush();
        } else {
            Path file = Path.of(oscal);
            // Readable by its owner only (0600), written atomically: results carry what plugins saw on the host.
            exporter.writeFile(results, file);
            cli.err().println(NAME + ": wrote " + results.size() + " result(s) to " + file);
        }
        return ExitCodes.OK;
    }
}
