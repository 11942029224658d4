package org.assessmentruntime.jobrunner.internal;

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
import java.util.function.Function;

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
import org.assessmentruntime.api.RuntimeIdentity;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.api.runs.FinishedRun;
import org.assessmentruntime.api.runs.RunObserver;
import org.assessmentruntime.api.util.ServiceWaiter;
import org.assessmentruntime.jobrunner.GrantPolicy;
import org.assessmentruntime.jobrunner.PluginPackageCache;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.jobrunner.RunOptions;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * is an ERROR result of kind INTERNAL (stored like any other); a result that no collector takes (none
 * came, or it failed, e.g. while its store is being recovered) is kept in memory and stored after the
 * next run's result ({@link UnstoredResults}), and {@link #run} reports it by throwing, as the API says;
 * the log names it at ERROR level and health counts what waits.
 *
 * <p>Every run is held to the operator's grant policy ({@link JobRunnerConfig#allowedDirectories()},
 * {@link JobRunnerConfig#allowedEnv()}) plus what no plugin may reach: Karaf's etc and data directories
 * and the control plane's credential files (see {@link #policy()}).
 *
 * <p>When this runner stops (its own bundle updated), it takes no new runs (the caller gets an
 * exception and may run the activity on the next runner: nothing was stored) and lets the runs in
 * progress finish, for up to the service wait, before DS unbinds its services; a run of those that
 * waits for a service that is away gives up at once (if that service is the collector, its result is
 * kept until the runner stops, then named in the log as never stored: the runtime is being taken apart,
 * not updated).
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
    private final Function<String, String> hostEnv;
    private final Function<String, String> systemProperties;
    private volatile RunnerSettings settings = RunnerSettings.DEFAULTS;
    /** Why the last configuration was rejected; empty when it is in effect. */
    private volatile String configProblem = "";
    private final UnstoredResults unstored = new UnstoredResults();
    private final RunCounters counters = new RunCounters();
    private final InFlightRuns inFlight = new InFlightRuns();
    private final ServiceWaiter<WasmExecutor> executor = new ServiceWaiter<>();
    private final ServiceWaiter<ResultsCollector> results = new ServiceWaiter<>();
    private final ServiceWaiter<PluginManager> plugins = new ServiceWaiter<>();
    private final ServiceWaiter<PluginStore> store = new ServiceWaiter<>();
    private final ServiceWaiter<ConfigurationAdmin> configAdmin = new ServiceWaiter<>();
    private final RunObservers observers = new RunObservers();
    /**
     * Plugins as last verified, by digest: a plugin's module is read from the store, hashed and its schema
     * compiled once, not on every run. The store is content-addressed, so a digest names the same bytes.
     */
    private final PluginPackageCache packages = new PluginPackageCache();

    /**
     * DS constructor. The runtime id comes from the API bundle's {@link RuntimeIdentity} service, the same
     * one the heartbeat and the configuration report, so that updating this bundle takes neither down.
     */
    @Activate
    public JobRunnerService(JobRunnerConfig config, @Reference RuntimeIdentity identity) {
        this(identity.runtimeId().toString(), Clock.systemUTC(), config);
    }

    JobRunnerService(String runtimeId, Clock clock, JobRunnerConfig config) {
        this(runtimeId, clock, config, System::getenv, System::getProperty);
    }

    JobRunnerService(String runtimeId, Clock clock, JobRunnerConfig config, Function<String, String> hostEnv,
            Function<String, String> systemProperties) {
        this.runtimeId = runtimeId;
        this.clock = clock;
        this.hostEnv = hostEnv;
        this.systemProperties = systemProperties;
        modified(config);
    }

    /**
     * Applies changed caps and grant policy to the runs that start from now on. A configuration with a
     * value out of bounds is rejected whole: the runner keeps what it had (the defaults at first), says
     * why in the log and in its health, and takes the next valid one.
     */
    @Modified
    void modified(JobRunnerConfig config) {
        try {
            settings = RunnerSettings.of(config);
            configProblem = "";
        } catch (IllegalArgumentException e) {
            configProblem = "the configuration " + PID + " was rejected (" + e.getMessage() + "); runs keep the "
                    + "previous settings";
            LOG.error("The configuration {} was rejected, runs keep the previous settings: {}", PID, e.getMessage());
        }
    }

    /**
     * Lets the runs in progress finish and store their results before DS unbinds the services. A run
     * that waits for a service that is away stops waiting: with this runner stopping too (a feature
     * uninstalled, Karaf shutting down), it would only hold the stop up.
     */
    @Deactivate
    void deactivate() {
        List.of(executor, results, plugins, store).forEach(ServiceWaiter::close);
        Duration serviceWait = settings.serviceWait();
        int left = inFlight.stopAndAwait(serviceWait);
        if (left > 0) {
            LOG.warn("The job runner stops with {} run(s) still in progress after {} s; they finish on the services "
                    + "they hold", left, serviceWait.toSeconds());
        }
        for (AssessmentResult result : unstored.drain()) {
            LOG.error("The {} was never stored: the job runner stops while no results collector took it",
                    describe(result));
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

    /** Where the control plane's credential files are configured, so that no grant reaches them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigAdmin(ConfigurationAdmin service) {
        configAdmin.set(service);
    }

    void unbindConfigAdmin(ConfigurationAdmin service) {
        configAdmin.clear(service);
    }

    /** Whoever watches runs (e.g. the HTTP bundle's metrics); any number, coming and going. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindObserver(RunObserver observer) {
        observers.add(observer);
    }

    void unbindObserver(RunObserver observer) {
        observers.remove(observer);
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
            long started = System.nanoTime();
            AssessmentResult result = assess(activity, context, title(job, task, activity));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean stored = false;
            try {
                store(result);
                stored = true;
            } finally {
                // Observers hear of every run, also one whose result waits to be stored: it ran.
                observers.notify(new FinishedRun(job.id(), taskId, activityId, activity.plugin().name(),
                        result.status(), result.errorKind(), took, clock.instant(), result.resultId(), stored));
            }
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

    /**
     * Stores a result, with the next collector if the one at hand goes away meanwhile. A result that
     * cannot be stored now is not dropped: it is kept (in memory, up to {@link UnstoredResults#CAPACITY})
     * and stored before the next run's result, and the caller hears of it by the exception.
     */
    private void store(AssessmentResult result) throws AssessmentException {
        Duration wait = settings.serviceWait();
        long deadline = System.nanoTime() + wait.toNanos();
        String what = describe(result);
        while (true) {
            ResultsCollector collector = await(results, "results collector", deadline);
            if (collector == null) {
                throw keep(result, "no results collector came within " + wait.toSeconds() + " s to store it", null);
            }
            try {
                collector.store(result);
                storeUnstored(collector);
                return;
            } catch (AssessmentException | RuntimeException e) {
                if (results.get() == collector || System.nanoTime() - deadline >= 0) {
                    throw keep(result, "the results collector could not store it: " + e.getMessage(), e);
                }
                LOG.info("The results collector went away while storing the {} ({}); storing it with the next one",
                        what, e.toString());
            }
        }
    }

    /**
     * Stores the results kept from earlier runs, with a collector that has just stored one. Best effort:
     * one that fails again stays kept (up to {@link UnstoredResults#MAX_ATTEMPTS} tries), and never holds
     * up the run at hand or the others.
     */
    private void storeUnstored(ResultsCollector collector) {
        for (AssessmentResult kept : unstored.snapshot()) {
            try {
                collector.store(kept);
                unstored.remove(kept);
                LOG.info("The {}, kept because it could not be stored earlier, is stored now", describe(kept));
            } catch (AssessmentException | RuntimeException e) {
                if (unstored.failedAgain(kept)) {
                    LOG.error("The {} is dropped: it could not be stored in {} tries, the last time: {}",
                            describe(kept), UnstoredResults.MAX_ATTEMPTS, e.toString());
                }
            }
        }
    }

    /** Keeps a result that could not be stored for the next try, and says so: to the log and to the caller. */
    private AssessmentException keep(AssessmentResult result, String why, Exception cause) {
        String what = describe(result);
        AssessmentResult evicted = unstored.add(result);
        if (evicted != null) {
            LOG.error("The {} is dropped: {} results wait to be stored, the most kept", describe(evicted),
                    UnstoredResults.CAPACITY);
        }
        String message = "the " + what + " is not stored yet: " + why + "; it is kept in memory (" + unstored.size()
                + " waiting) and stored before the next run's result";
        LOG.error("The {}", message.substring(4));
        return cause == null ? new AssessmentException(message) : new AssessmentException(message, cause);
    }

    private static String describe(AssessmentResult result) {
        return "result " + result.resultId() + " of " + result.jobId() + "/" + result.taskId() + "/"
                + result.activityId() + " (" + result.status() + ")";
    }

    private AssessmentResult assess(Activity activity, JobContext context, String title) {
        Duration wait = settings.serviceWait();
        long deadline = System.nanoTime() + wait.toNanos();
        PluginRunner noRun = new PluginRunner(NO_EXECUTOR, runtimeId, clock, hostEnv);
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
            Digest digest = installed.get().digest();
            plugin = packages.get(installed.get().descriptor(), digest, () -> modules.module(digest));
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
        RunnerSettings now = settings;
        return new PluginRunner(with, runtimeId, clock, hostEnv, policy(now)).run(plugin, activity.plugin(), context,
                now.caps(), RunOptions.DEFAULT.withTitle(title));
    }

    /**
     * The operator's allow-list plus what no plugin may reach, as of now (the credential files may have
     * moved since the last run): Karaf's directories and the control plane's secret, key and certificate
     * files, as its configuration and the environment name them.
     */
    GrantPolicy policy() {
        return policy(settings);
    }

    private GrantPolicy policy(RunnerSettings now) {
        GrantPolicy policy = now.policy().protectKarafDirectories(systemProperties).protectControlPlaneFiles(hostEnv);
        for (Map.Entry<String, String> file : ControlPlaneFiles.configured(configAdmin.get()).entrySet()) {
            policy = policy.protect(file.getValue(), "a control-plane credential file (" + file.getKey() + ")");
        }
        return policy;
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
        RunnerSettings now = settings;
        facts.put("allowedDirectories", String.join(",", now.policy().allowedDirectories()));
        facts.put("allowedEnv", String.join(",", now.policy().allowedEnv()));
        facts.put("unstoredResults", Integer.toString(unstored.size()));
        facts.put("configProblem", configProblem);
        Instant last = counters.lastRun();
        String figures = counters.total() + " runs" + (last == null ? "" : ", last at " + last) + "; runtime id "
                + runtimeId;
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("runs wait up to " + now.serviceWait().toSeconds() + " s for the missing "
                    + String.join(", ", missing));
        }
        if (unstored.size() > 0) {
            problems.add(unstored.size() + " result(s) wait to be stored (kept in memory)");
        }
        if (!configProblem.isEmpty()) {
            problems.add(configProblem);
        }
        return problems.isEmpty() ? new ComponentHealth(ComponentId.JOB_RUNNER, HealthState.UP, figures, facts)
                : new ComponentHealth(ComponentId.JOB_RUNNER, HealthState.DEGRADED, String.join("; ", problems) + "; "
                        + figures, facts);
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
        private final AtomicLong notApplicable = new AtomicLong();
        private final AtomicReference<Instant> lastRun = new AtomicReference<>();

        void record(AssessmentResult result, Instant at) {
            switch (result.status()) {
                case PASS -> pass.incrementAndGet();
                case FAIL -> fail.incrementAndGet();
                case ERROR -> error.incrementAndGet();
                case NOT_APPLICABLE -> notApplicable.incrementAndGet();
            }
            lastRun.set(at);
        }

        long total() {
            return pass.get() + fail.get() + error.get() + notApplicable.get();
        }

        Instant lastRun() {
            return lastRun.get();
        }

        Map<String, String> facts() {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("pass", Long.toString(pass.get()));
            facts.put("fail", Long.toString(fail.get()));
            facts.put("error", Long.toString(error.get()));
            facts.put("notApplicable", Long.toString(notApplicable.get()));
            return facts;
        }
    }

    /** Whether the runner is stopping (deactivating) and takes no new runs; for tests. */
    boolean stopping() {
        return inFlight.stopping();
    }
}
