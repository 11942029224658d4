package org.assessmentruntime.jobrunner.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.jobrunner.InvalidPluginException;
import org.assessmentruntime.jobrunner.PluginPackage;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.jobrunner.RunOptions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link JobRunner}: one activity of one task → resolve the plugin → build the context →
 * run it through the executor with the operator's caps → store the result.
 *
 * <p>The executor and the results collector are dynamic, greedy references: when either bundle is
 * updated, the runner keeps its state and the next run uses the new service, while a run in progress
 * finishes on the one it started with.
 */
@Component(configurationPid = JobRunnerService.PID,
        property = ComponentId.SERVICE_PROPERTY + "=job-runner")
@Designate(ocd = JobRunnerConfig.class)
public class JobRunnerService implements JobRunner, HealthIndicator {

    static final String PID = "org.assessmentruntime.jobrunner";
    private static final Logger LOG = LoggerFactory.getLogger(JobRunnerService.class);

    private final String runtimeId;
    private final Clock clock;
    private volatile ResourceLimits caps;
    private final RunCounters counters = new RunCounters();

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile WasmExecutor executor;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ResultsCollector results;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginManager plugins;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginStore store;

    /** DS constructor: the runtime id lives in Karaf's data directory. */
    @Activate
    public JobRunnerService(JobRunnerConfig config) throws IOException {
        this(RuntimeIds.load(Path.of(System.getProperty("karaf.data", "data"))), Clock.systemUTC(), config);
    }

    JobRunnerService(String runtimeId, Clock clock, JobRunnerConfig config) {
        this.runtimeId = runtimeId;
        this.clock = clock;
        modified(config);
    }

    /** Applies changed caps to the runs that start from now on. */
    @Modified
    void modified(JobRunnerConfig config) {
        caps = new ResourceLimits(Duration.ofSeconds(config.maxTimeoutSeconds()), config.maxMemoryMiB() << 20,
                config.maxStdoutKiB() << 10, config.maxStderrKiB() << 10);
    }

    /** For tests and the static wiring outside OSGi. */
    void bind(WasmExecutor executor, ResultsCollector results, PluginManager plugins, PluginStore store) {
        this.executor = executor;
        this.results = results;
        this.plugins = plugins;
        this.store = store;
    }

    @Override
    public AssessmentResult run(JobDefinition job, String taskId, String activityId) throws AssessmentException {
        Task task = job.tasks().stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("job " + job.id() + " has no task " + taskId));
        Activity activity = task.activities().stream().filter(a -> a.id().equals(activityId)).findFirst()
                .orElseThrow(() -> new NotFoundException("task " + taskId + " of job " + job.id()
                        + " has no activity " + activityId));
        JobContext context = JobContext.of(UUID.randomUUID(), job, task, activity);
        AssessmentResult result = assess(activity, context, title(job, task, activity));
        ResultsCollector collector = results;
        collector.store(result);
        counters.record(result, clock.instant());
        LOG.info("Job {} task {} activity {}: {} ({}, result {})", job.id(), taskId, activityId, result.status(),
                result.provenance().plugin() == null ? result.provenance().requested() : result.provenance().plugin(),
                result.resultId());
        return result;
    }

    private AssessmentResult assess(Activity activity, JobContext context, String title) {
        PluginRunner runner = new PluginRunner(executor, runtimeId, clock, System::getenv);
        Optional<InstalledPlugin> installed = plugins.resolve(activity.plugin());
        if (installed.isEmpty()) {
            return runner.notRun(activity.plugin(), context, FailureKind.PLUGIN_UNAVAILABLE,
                    "no installed plugin satisfies " + activity.plugin(), title);
        }
        PluginPackage plugin;
        try {
            plugin = PluginPackage.of(installed.get().descriptor(), store.module(installed.get().digest()));
        } catch (PluginVerificationException | InvalidPluginException e) {
            return runner.notRun(activity.plugin(), context, FailureKind.PLUGIN_REJECTED, e.getMessage(), title);
        } catch (AssessmentException e) {
            return runner.notRun(activity.plugin(), context, FailureKind.PLUGIN_UNAVAILABLE,
                    "cannot read " + installed.get().descriptor().id() + " from the plugin store: " + e.getMessage(),
                    title);
        }
        return runner.run(plugin, activity.plugin(), context, caps, RunOptions.DEFAULT.withTitle(title));
    }

    private static String title(JobDefinition job, Task task, Activity activity) {
        return job.title().isBlank() ? job.id() + " / " + task.id() + " / " + activity.id() : job.title();
    }

    @Override
    public ComponentHealth health() {
        Map<String, String> facts = counters.facts();
        facts.put("runtimeId", runtimeId);
        Instant last = counters.lastRun();
        return new ComponentHealth(ComponentId.JOB_RUNNER, HealthState.UP,
                counters.total() + " runs" + (last == null ? "" : ", last at " + last) + "; runtime id " + runtimeId,
                facts);
    }

    /** Counts of runs by status, for health. */
    private static final class RunCounters {
        private final AtomicLong pass = new AtomicLong();
        private final AtomicLong fail = new AtomicLong();
        private final AtomicLong error = new AtomicLong();
        private final AtomicReference<Instant> lastRun = new AtomicReference<>();

        void record(AssessmentResult result, Instant at) {
            switch (result.status()) {
                case PASS -> pass.incrementAndGet();
                case FAIL -> fail.incrementAndGet();
                case ERROR -> error.incrementAndGet();
            }
            lastRun.set(at);
        }

        long total() {
            return pass.get() + fail.get() + error.get();
        }

        Instant lastRun() {
            return lastRun.get();
        }

        Map<String, String> facts() {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("pass", Long.toString(pass.get()));
            facts.put("fail", Long.toString(fail.get()));
            facts.put("error", Long.toString(error.get()));
            return facts;
        }
    }
}
