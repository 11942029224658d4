package org.assessmentruntime.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.OscalExporter;

/** {@code assessment:export --oscal FILE}: stored results as one OSCAL assessment-results document. */
@Service
@Command(scope = "assessment", name = "export", description = "Writes stored results as an OSCAL 1.1.2 "
        + "assessment-results document (JSON).")
public class ExportCommand implements Action {

    @Reference(optional = true)
    ResultsCollector collector;

    @Option(name = "--oscal", required = true, description = "Write OSCAL assessment results (JSON) to this file")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--job", description = "Only this job's results")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Option(name = "--limit", description = "At most this many results, newest first (default 1000)")
    int limit = 1000;

    @Argument(index = 0, name = "title", description = "The document's title")
    String title = "Assessment Runtime results";

    @Override
    public Object execute() throws IOException {
        if (limit < 1) {
            throw new CommandException("--limit must be at least 1, got " + limit);
        }
        List<AssessmentResult> results = Services.require(collector, "results collector")
                .query(new ResultQuery(JobIds.check(jobId, "--job"), null, null, null, null, Math.min(limit, ResultQuery.MAX_LIMIT)))
                .stream().map(StoredResult::result).toList();
        Path target = Path.of(file).toAbsolutePath();
        // Written beside the target and moved into place, so a reader never sees half a document.
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            new OscalExporter().withTitle(title).write(results, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Wrote " + results.size() + " results to " + target);
        return null;
    }
}
