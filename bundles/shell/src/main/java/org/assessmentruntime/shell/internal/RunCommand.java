package org.assessmentruntime.shell.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.AssessmentResult;

/** {@code assessment:run}: runs a job now, outside its schedule. */
@Service
@Command(scope = "assessment", name = "run", description = "Runs a job now; its results are stored like scheduled "
        + "ones. With --wait, waits for them and prints a summary.")
public class RunCommand implements Action {

    @Reference(optional = true)
    Scheduler scheduler;

    @Argument(index = 0, name = "job", required = true, description = "The job's id")
    @Completion(JobIdCompleter.class)
    String jobId;

    @Option(name = "--wait", description = "Wait for the job's results and print them.")
    boolean await;

    @Option(name = "--timeout", description = "With --wait: give up waiting after this many seconds (the run "
            + "goes on).")
    int timeoutSeconds = 600;

    @Option(name = "--json", description = "With --wait: print the results as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() throws Exception {
        CompletionStage<List<AssessmentResult>> run = Services.require(scheduler, "scheduler").runNow(jobId);
        if (!await) {
            System.out.println("Started " + jobId + "; see assessment:results --job " + jobId);
            return null;
        }
        List<AssessmentResult> results = run.toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        if (json) {
            System.out.println(Json.write(results));
            return null;
        }
        ResultsTable.print(results, System.out);
        return null;
    }
}
