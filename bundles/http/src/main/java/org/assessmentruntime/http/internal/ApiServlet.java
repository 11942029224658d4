package org.assessmentruntime.http.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.RunSummary;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code /api/*}: read-only JSON of the scheduled jobs, recent runs and stored results, the documents
 * {@code assessment:jobs}, {@code runs} and {@code results --json} print:
 * <ul>
 * <li>{@code /api/jobs}, {@code /api/jobs/ID}</li>
 * <li>{@code /api/runs?job=&limit=} (limit: results read to sum runs up from, newest first)</li>
 * <li>{@code /api/results?job=&plugin=&status=&since=&until=&limit=}, {@code /api/results/ID}</li>
 * </ul>
 * A parameter that cannot be used is 400 naming it; an unknown path or id is 404; a component that is
 * away (its bundle being updated) is 503.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/api/*", Whiteboard.NAME + "assessment-api", Whiteboard.SELECT_CONTEXT})
public class ApiServlet extends ReadOnlyServlet {

    private static final long serialVersionUID = 1L;
    private static final Set<String> RESULT_PARAMETERS = Set.of("job", "plugin", "status", "since", "until", "limit");
    private static final Set<String> RUN_PARAMETERS = Set.of("job", "limit");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Scheduler scheduler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ResultsCollector collector;

    /** The limits in effect (see {@link HttpPolicy} for why they are not this servlet's configuration). */
    private final transient HttpPolicy policy;

    /** DS constructor. */
    @Activate
    public ApiServlet(@Reference HttpPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.replaceFirst("^/", "").split("/", -1);
        try {
            if (parts.length == 1 && "jobs".equals(parts[0])) {
                QueryParameters.of(request.getParameterMap(), Set.of());
                jobs(response);
            } else if (parts.length == 2 && "jobs".equals(parts[0])) {
                QueryParameters.of(request.getParameterMap(), Set.of());
                job(response, parts[1]);
            } else if (parts.length == 1 && "runs".equals(parts[0])) {
                runs(response, QueryParameters.of(request.getParameterMap(), RUN_PARAMETERS));
            } else if (parts.length == 1 && "results".equals(parts[0])) {
                results(response, QueryParameters.of(request.getParameterMap(), RESULT_PARAMETERS));
            } else if (parts.length == 2 && "results".equals(parts[0])) {
                QueryParameters.of(request.getParameterMap(), Set.of());
                result(response, parts[1]);
            } else {
                json.error(response, HttpServletResponse.SC_NOT_FOUND, "no such endpoint: /api" + path
                        + " (there are /api/jobs, /api/runs and /api/results)");
            }
        } catch (BadParameterException e) {
            json.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage(), e.parameter());
        }
    }

    private void jobs(HttpServletResponse response) throws IOException {
        Scheduler s = scheduler;
        if (s == null) {
            away(response, "scheduler");
            return;
        }
        json.write(response, HttpServletResponse.SC_OK, s.jobs());
    }

    private void job(HttpServletResponse response, String id) throws IOException {
        Scheduler s = scheduler;
        if (s == null) {
            away(response, "scheduler");
            return;
        }
        Optional<ScheduledJob> job = s.job(id);
        if (job.isEmpty()) {
            json.error(response, HttpServletResponse.SC_NOT_FOUND, "no job '" + id + "' is scheduled");
            return;
        }
        json.write(response, HttpServletResponse.SC_OK, job.get());
    }

    private void runs(HttpServletResponse response, QueryParameters parameters)
            throws IOException, BadParameterException {
        HttpSettings now = policy.settings();
        ResultQuery query = new ResultQuery(parameters.jobId("job"), null, null, null, null,
                parameters.limit("limit", now.defaultLimit(), now.maxLimit()));
        ResultsCollector c = collector;
        if (c == null) {
            away(response, "results collector");
            return;
        }
        List<RunView> runs = RunSummary.of(c.query(query).stream().map(StoredResult::result).toList()).stream()
                .map(RunView::of).toList();
        json.write(response, HttpServletResponse.SC_OK, runs);
    }

    private void results(HttpServletResponse response, QueryParameters parameters)
            throws IOException, BadParameterException {
        HttpSettings now = policy.settings();
        String job = parameters.jobId("job");
        String plugin = parameters.pluginName("plugin");
        ResultStatus status = parameters.status("status");
        Instant since = parameters.instant("since");
        Instant until = parameters.instant("until");
        int limit = parameters.limit("limit", now.defaultLimit(), now.maxLimit());
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadParameterException("since", "since " + since + " must be before until " + until);
        }
        ResultsCollector c = collector;
        if (c == null) {
            away(response, "results collector");
            return;
        }
        json.write(response, HttpServletResponse.SC_OK, c.query(new ResultQuery(job, plugin, status, since, until,
                limit)));
    }

    private void result(HttpServletResponse response, String id) throws IOException, BadParameterException {
        UUID resultId;
        try {
            resultId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("id", "'" + id + "' is not a result id (a UUID)");
        }
        ResultsCollector c = collector;
        if (c == null) {
            away(response, "results collector");
            return;
        }
        Optional<StoredResult> stored = c.find(resultId);
        if (stored.isEmpty()) {
            json.error(response, HttpServletResponse.SC_NOT_FOUND, "no result " + resultId + " is stored");
            return;
        }
        json.write(response, HttpServletResponse.SC_OK, stored.get());
    }

    private void away(HttpServletResponse response, String what) throws IOException {
        json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the " + what
                + " is not running (its bundle may be being updated); try again");
    }

    /**
     * A run as JSON: the summary's figures plus its verdict and total, which {@link RunSummary} computes
     * rather than holds.
     */
    record RunView(UUID runId, String jobId, Instant start, Instant end, ResultStatus verdict, int total,
            Map<ResultStatus, Integer> counts) {

        static RunView of(RunSummary run) {
            return new RunView(run.runId(), run.jobId(), run.start(), run.end(), run.verdict(), run.total(),
                    run.counts());
        }
    }
}
