package org.assessmentruntime.jobrunner.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.jobrunner.InvalidPluginException;
import org.assessmentruntime.jobrunner.PluginPackage;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.jobrunner.RunOptions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link JobRunner}: one activity of one task → resolve the plugin → build the context →
 * run it through the executor with the operator's caps → store the result.
 *
 * <p>The executor, the results collector, the plugin manager and the plugin store are optional, dynamic,
 * greedy references, so that updating any of their bundles neither stops this runner (and with it the
 * scheduler's runs) nor loses a result: a run that needs one that is away waits for it up to the service
 * wait, and the next run uses the new one while a run in progress finishes on the one it started with.
 * A result whose collector went away while storing it is stored again with the next one (storing is
 * idempotent by result id). Beyond the wait: a run without an executor, plugin manager or plugin store
 * is an ERROR result of kind INTERNAL (stored like any other); a result with no collector to take it is
 * lost, which {@link #run} reports by throwing, as the API says, and the log names it at ERROR level.
 *
 * <p>When this runner stops (its own bundle updated), it takes no new runs (the caller gets an
 * exception and may run the activity on the next runner: nothing was stored) and lets the runs in
 * progress finish, for up to the service wait, before DS unbinds its services; a run of those that
 * waits for a service that is away gives up at once (its result is lost if that service is the
 * collector: the runtime is being taken apart, not updated).
 */
@Component(configurationPid = JobRunnerService.PID,
        property = ComponentId.SERVICE_PROPERTY + "=job-runner")
@Designate(ocd = JobRunnerConfig.class)
public class JobRunnerService implements JobRunner, HealthIndicator {

    static final String PID = "org.assessmentruntime.jobrunner";
    private static final Logger LOG = LoggerFactory.getLogger(JobRunnerService.class);
    /** Failures of a run that are the runtime's, not the plugin's: worth a second try on a new executor. */
    private static final Set<FailureKind> RUNTIME_FAULTS = EnumSet.of(FailureKind.INTERNAL,
            FailureKind.ENGINE_UNAVAILABLE);
    /** Stands in where a runner only builds results of runs that never started. */
    private static final WasmExecutor NO_EXECUTOR = new NoExecutor();

    private final String runtimeId;
    private final Clock clock;
    private volatile ResourceLimits caps;
    private volatile Duration serviceWait;
    private final RunCounters counters = new RunCounters();
    private final InFlightRuns inFlight = new InFlightRuns();
    private final ServiceWaiter<WasmExecutor> executor = new ServiceWaiter<>();
    private final ServiceWaiter<ResultsCollector> results = new ServiceWaiter<>();
    private final ServiceWaiter<PluginManager> plugins = new ServiceWaiter<>();
    private final ServiceWaiter<PluginStore> store = new ServiceWaiter<>();

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
        if (config.serviceWaitSeconds() < 0) {
            throw new IllegalArgumentException("serviceWaitSeconds must not be negative, got "
                    + config.serviceWaitSeconds());
        }
        caps = new ResourceLimits(Duration.ofSeconds(config.maxTimeoutSeconds()), config.maxMemoryMiB() << 20,
                config.maxStdoutKiB() << 10, config.maxStderrKiB() << 10);
        serviceWait = Duration.ofSeconds(config.serviceWaitSeconds());
    }

    /**
     * Lets the runs in progress finish and store their results before DS unbinds the services. A run
     * that waits for a service that is away stops waiting: with this runner stopping too (a feature
     * uninstalled, Karaf shutting down), it would only hold the stop up.
     */
    @Deactivate
    void deactivate() {
        List.of(executor, results, plugins, store).forEach(ServiceWaiter::close);
        int left = inFlight.stopAndAwait(serviceWait);
        if (left > 0) {
            LOG.warn("The job runner stops with {} run(s) still in progress after {} s; they finish on the services "
                    + "they hold", left, serviceWait.toSeconds());
        }
    }

    /** For tests and the static wiring outside OSGi. */
    void bind(WasmExecutor executor, ResultsCollector results, PluginManager plugins, PluginStore store) {
        bindExecutor(executor);
        bindResults(results);
        bindPlugins(plugins);
        bindStore(store);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindExecutor(WasmExecutor service) {
        executor.set(service);
    }

    void unbindExecutor(WasmExecutor service) {
        unbind(executor, service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindResults(ResultsCollector service) {
        results.set(service);
    }

    void unbindResults(ResultsCollector service) {
        unbind(results, service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPlugins(PluginManager service) {
        plugins.set(service);
    }

    void unbindPlugins(PluginManager service) {
        unbind(plugins, service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(PluginStore service) {
        store.set(service);
    }

    void unbindStore(PluginStore service) {
        unbind(store, service);
    }

    private <T> void unbind(ServiceWaiter<T> waiter, T service) {
        // DS unbinds everything after deactivate: the services did not leave, this runner did. Runs still
        // in progress past the grace period keep what they hold.
        if (!inFlight.stopping()) {
            waiter.clear(service);
        }
    }

    @Override
    public AssessmentResult run(JobDefinition job, String taskId, String activityId) throws AssessmentException {
        Task task = job.tasks().stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("job " + job.id() + " has no task " + taskId));
        Activity activity = task.activities().stream().filter(a -> a.id().equals(activityId)).findFirst()
                .orElseThrow(() -> new NotFoundException("task " + taskId + " of job " + job.id()
                        + " has no activity " + activityId));
        if (!inFlight.enter()) {
            throw new AssessmentException("the job runner is stopping; " + job.id() + "/" + taskId + "/" + activityId
                    + " was not run and nothing was stored");
        }
        try {
            JobContext context = JobContext.of(UUID.randomUUID(), job, task, activity);
            AssessmentResult result = assess(activity, context, title(job, task, activity));
            store(result);
            counters.record(result, clock.instant());
            LOG.info("Job {} task {} activity {}: {} ({}, result {})", job.id(), taskId, activityId, result.status(),
                    result.provenance().plugin() == null ? result.provenance().requested()
                            : result.provenance().plugin(),
                    result.resultId());
            return result;
        } finally {
            inFlight.exit();
        }
    }

    /** Stores a result, with the next collector if the one at hand goes away meanwhile. */
    private void store(AssessmentResult result) throws AssessmentException {
        Duration wait = serviceWait;
        long deadline = System.nanoTime() + wait.toNanos();
        String what = "result " + result.resultId() + " of " + result.jobId() + "/" + result.taskId() + "/"
                + result.activityId() + " (" + result.status() + ")";
        while (true) {
            ResultsCollector collector = await(results, "results collector", deadline);
            if (collector == null) {
                LOG.error("The {} is lost: no results collector came within {} s to store it", what, wait.toSeconds());
                throw new AssessmentException("the " + what + " was lost: no results collector came within "
                        + wait.toSeconds() + " s to store it");
            }
            try {
                collector.store(result);
                return;
            } catch (AssessmentException | RuntimeException e) {
                if (results.get() == collector || System.nanoTime() - deadline >= 0) {
                    throw e instanceof AssessmentException a ? a
                            : new AssessmentException("the " + what + " could not be stored: " + e, e);
                }
                LOG.info("The results collector went away while storing the {} ({}); storing it with the next one",
                        what, e.toString());
            }
        }
    }

    private AssessmentResult assess(Activity activity, JobContext context, String title) {
        Duration wait = serviceWait;
        long deadline = System.nanoTime() + wait.toNanos();
        PluginRunner noRun = new PluginRunner(NO_EXECUTOR, runtimeId, clock, System::getenv);
        PluginManager manager = await(plugins, "plugin manager", deadline);
        PluginStore modules = await(store, "plugin store", deadline);
        if (manager == null || modules == null) {
            return noRun.notRun(activity.plugin(), context, FailureKind.INTERNAL, "no " + (manager == null
                    ? "plugin manager" : "plugin store") + " came within " + wait.toSeconds() + " s", title);
        }
        Optional<InstalledPlugin> installed = manager.resolve(activity.plugin());
        if (installed.isEmpty()) {
            return noRun.notRun(activity.plugin(), context, FailureKind.PLUGIN_UNAVAILABLE,
                    "no installed plugin satisfies " + activity.plugin(), title);
        }
        PluginPackage plugin;
        try {
            plugin = PluginPackage.of(installed.get().descriptor(), modules.module(installed.get().digest()));
        } catch (PluginVerificationException | InvalidPluginException e) {
            return noRun.notRun(activity.plugin(), context, FailureKind.PLUGIN_REJECTED, e.getMessage(), title);
        } catch (AssessmentException e) {
            return noRun.notRun(activity.plugin(), context, FailureKind.PLUGIN_UNAVAILABLE,
                    "cannot read " + installed.get().descriptor().id() + " from the plugin store: " + e.getMessage(),
                    title);
        }
        WasmExecutor used = await(executor, "WebAssembly executor", deadline);
        if (used == null) {
            return noRun.notRun(activity.plugin(), context, FailureKind.INTERNAL,
                    "no WebAssembly executor came within " + wait.toSeconds() + " s", title);
        }
        AssessmentResult result = execute(used, plugin, activity, context, title);
        WasmExecutor next = executor.get();
        if (next != null && next != used && result.status() == ResultStatus.ERROR
                && RUNTIME_FAULTS.contains(result.errorKind())) {
            // The executor was replaced under the run (its bundle updated): the failure is the update's,
            // not the plugin's. Once more on the new one; the failed result was never stored.
            LOG.info("The executor was replaced during a run of {} ({}); running it again on the new one",
                    plugin.id(), result.reason());
            result = execute(next, plugin, activity, context, title);
        }
        return result;
    }

    /** A service, waiting for it until the deadline if it is away; says so, so that a slow run is explained. */
    private static <T> T await(ServiceWaiter<T> service, String name, long deadlineNanos) {
        T now = service.get();
        if (now != null) {
            return now;
        }
        LOG.info("A run waits for the {}, which is away (being updated?)", name);
        T later = service.awaitUntil(deadlineNanos);
        if (later != null) {
            LOG.info("The {} is back; the run goes on", name);
        }
        return later;
    }

    private AssessmentResult execute(WasmExecutor with, PluginPackage plugin, Activity activity, JobContext context,
            String title) {
        return new PluginRunner(with, runtimeId, clock, System::getenv).run(plugin, activity.plugin(), context, caps,
                RunOptions.DEFAULT.withTitle(title));
    }

    private static String title(JobDefinition job, Task task, Activity activity) {
        return job.title().isBlank() ? job.id() + " / " + task.id() + " / " + activity.id() : job.title();
    }

    @Override
    public ComponentHealth health() {
        Map<String, String> facts = counters.facts();
        facts.put("runtimeId", runtimeId);
        List<String> missing = new ArrayList<>();
        missing(executor, "WebAssembly executor", missing);
        missing(results, "results collector", missing);
        missing(plugins, "plugin manager", missing);
        missing(store, "plugin store", missing);
        facts.put("missingServices", String.join(",", missing));
        Instant last = counters.lastRun();
        String figures = counters.total() + " runs" + (last == null ? "" : ", last at " + last) + "; runtime id "
                + runtimeId;
        return missing.isEmpty() ? new ComponentHealth(ComponentId.JOB_RUNNER, HealthState.UP, figures, facts)
                : new ComponentHealth(ComponentId.JOB_RUNNER, HealthState.DEGRADED, "runs wait up to "
                        + serviceWait.toSeconds() + " s for the missing " + String.join(", ", missing) + "; " + figures,
                        facts);
    }

    private static void missing(ServiceWaiter<?> service, String name, List<String> missing) {
        if (service.get() == null) {
            missing.add(name);
        }
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

    /** Whether the runner is stopping (deactivating) and takes no new runs; for tests. */
    boolean stopping() {
        return inFlight.stopping();
    }
}
