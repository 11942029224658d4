package org.assessmentruntime.shell.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.AssessmentResult;

/** {@code assessment:run}: runs a job now, outside its schedule. */
@Service
@Command(scope = "assessment", name = "run", description = "Runs a job now, also a disabled one; its results are "
        + "stored like scheduled ones. With --wait, waits for them and prints a summary; the command fails if the run does.")
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
        String id = JobIds.check(jobId, "job");
        if (timeoutSeconds < 1) {
            throw new CommandException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        Scheduler service = Services.require(scheduler, "scheduler");
        if (service.job(id).filter(job -> !job.enabled()).isPresent()) {
            // Said, not refused: an operator asking for a run gets it; the note says why it does not run on its own.
            (json ? System.err : System.out).println("Job " + id + " is disabled: running it on demand only "
                    + "(assessment:job-enable " + id + " resumes its schedule)");
        }
        // NotFoundException names the job: "no job 'x' is scheduled".
        CompletionStage<List<AssessmentResult>> run = service.runNow(id);
        if (!await) {
            System.out.println("Started " + id + "; see assessment:results --job " + id);
            return null;
        }
        List<AssessmentResult> results = awaitResults(id, run);
        if (json) {
            System.out.println(Json.write(results));
            return null;
        }
        ResultsTable.print(results, System.out);
        return null;
    }

    /** The run's results; its failure as the command's own, with the run's message rather than a wrapper's. */
    private List<AssessmentResult> awaitResults(String id, CompletionStage<List<AssessmentResult>> run)
            throws AssessmentException, InterruptedException {
        try {
            return run.toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CommandException("the run of job '" + id + "' failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new CommandException("job '" + id + "' did not finish within " + timeoutSeconds + " s; it goes on "
                    + "and stores its results (see assessment:results --job " + id + ")", e);
        }
    }
}
