package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.api.util.ServiceWaiter;
import org.assessmentruntime.scheduler.JobDirectory;
import org.assessmentruntime.scheduler.RejectedJobFile;
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
 * The runtime's {@link Scheduler}: fires jobs' tasks on cron expressions, intervals and changes of
 * watched paths, and on demand, and hands each of their activities to the {@link JobRunner}. Jobs come
 * from the job files of a directory ({@link JobFileSync}) and through {@link #schedule(JobDefinition)}
 * (the control plane's, through configuration); the latter are kept in the state directory
 * ({@link KeptJobs}) and scheduled again at start. A job id belongs to one source: a job file defining the
 * id of a job scheduled through the API is rejected, and so is the other way round.
 *
 * <p>The job runner is optional and may come and go (its bundle updated): without one the scheduler
 * keeps its schedules and reports itself DEGRADED, and each timed or change-triggered run waits for a
 * runner up to the configured runner wait (every fire time of a QUEUE task is kept meanwhile), then is
 * skipped and counted. So do fires while the job runner is there but reports, through its health, that
 * it is not UP (it waits for its executor, results collector or plugin services): a run given to it then
 * would block, and the fires behind it would otherwise stand for each other (overlap QUEUE). Start-up runs (missed runs) wait for a runner without a bound, because the
 * scheduler usually starts first: DS binds the dynamic reference only after the constructor has
 * scheduled the jobs, and the job runner's bundle may start later still.
 */
@Component(configurationPid = SchedulerService.PID,
        service = { Scheduler.class, HealthIndicator.class, JobDirectory.class },
        property = ComponentId.SERVICE_PROPERTY + "=scheduler")
@Designate(ocd = SchedulerConfig.class)
public class SchedulerService implements Scheduler, HealthIndicator, JobDirectory {

    static final String PID = "org.assessmentruntime.scheduler";
    static final String FIRE_TIMES_FILE = "fire-times.properties";
    static final String JOB_OWNERS_FILE = "job-owners.properties";
    static final String DISABLED_JOBS_FILE = "disabled-jobs";
    static final String KEPT_JOBS_DIRECTORY = "scheduled-jobs";
    static final String JOB_RUNNER_COMPONENT = "job-runner";

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    /** Runs in progress get this long to finish when the scheduler stops; plugins have their own timeouts. */
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final ServiceWaiter<JobRunner> runner = new ServiceWaiter<>();
    private final ServiceWaiter<HealthIndicator> runnerHealth = new ServiceWaiter<>();
    private final RunStats stats = new RunStats();
    private final Map<String, JobTriggers> active = new ConcurrentHashMap<>();
    private final Object scheduling = new Object();
    private final ScheduledExecutorService timer;
    private final SkipLog skips;
    private final Dispatcher dispatcher;
    private final JobOwners owners;
    private final KeptJobs kept;
    /** Ids of the jobs scheduled through the API; guarded by {@link #scheduling}. */
    private final java.util.Set<String> apiJobs = new java.util.HashSet<>();
    /** Kept jobs that did not read back at start; reported with the rejected job files. */
    private volatile List<RejectedJobFile> keptRejected = List.of();
    private final DisabledJobs disabled;
    private final PathWatcher watcher;
    private final SchedulingContext context;
    private volatile Settings settings;
    /** Configuration values rejected at activation or at the last change, each naming its key; reported in health. */
    private volatile List<String> configProblems = List.of();
    private volatile JobFileSync files;
    private volatile boolean stopped;

    /** DS constructor. */
    @Activate
    public SchedulerService(SchedulerConfig config) throws IOException {
        this(Settings.resolve(config, Settings.defaults()), Clock.systemUTC(), new Random());
    }

    /** A scheduler with the settings resolved from a configuration, some values perhaps rejected. */
    SchedulerService(Settings.Resolved resolved, Clock clock, RandomGenerator random) throws IOException {
        this(resolved.settings(), clock, random);
        configProblems = resolved.problems();
    }

    /** A scheduler with explicit settings, clock and randomness (tests). */
    SchedulerService(Settings settings, Clock clock, RandomGenerator random) throws IOException {
        this.settings = settings;
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1,
                Dispatcher.daemonThreads("assessment-scheduler-timer-"));
        // Cancelled waits (rescheduled jobs, debounced events) must not pile up in the queue.
        timerPool.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(timerPool);
        this.skips = new SkipLog(SkipLog.Later.on(timer), settings.skipSummary(), LOG::info);
        this.dispatcher = new Dispatcher(runner, this::runnerReady, stats, skips, settings.workerPoolSize(),
                settings.maxQueuedRuns(), settings.runnerWait());
        try {
            this.watcher = new PathWatcher(timer, settings.watchQuiet(), settings.watchMaxDelay());
        } catch (IOException e) {
            timer.shutdownNow();
            dispatcher.close(0);
            throw e;
        }
        this.disabled = new DisabledJobs(settings.stateDirectory().resolve(DISABLED_JOBS_FILE));
        this.context = new SchedulingContext(timer, clock, random, dispatcher, watcher,
                new FireTimes(settings.stateDirectory().resolve(FIRE_TIMES_FILE)), disabled);
        this.owners = new JobOwners(settings.stateDirectory().resolve(JOB_OWNERS_FILE));
        this.kept = new KeptJobs(settings.stateDirectory().resolve(KEPT_JOBS_DIRECTORY));
        // Before the files: an id the API had keeps going to the API's job, as the first owner of an id does.
        restoreKept(settings);
        this.files = startFiles(settings);
        LOG.info("Scheduler started: {} jobs from {}, {} workers", files.jobCount(), settings.jobsDirectory(),
                settings.workerPoolSize());
    }

    /**
     * Applies a changed configuration to the running scheduler; schedules are kept. A value it rejects
     * keeps its previous setting and is reported in the health until a change fixes it: DS would only log
     * an exception thrown here, where nobody looks.
     */
    @Modified
    void modified(SchedulerConfig config) {
        Settings.Resolved resolved = Settings.resolve(config, settings);
        configProblems = resolved.problems();
        reconfigure(resolved.settings());
    }

    void reconfigure(Settings next) {
        Settings previous = settings;
        settings = next;
        dispatcher.resize(next.workerPoolSize());
        dispatcher.maxQueued(next.maxQueuedRuns());
        dispatcher.runnerWait(next.runnerWait());
        if (!next.jobsDirectory().equals(previous.jobsDirectory())) {
            JobFileSync old = files;
            old.close();
            files = startFiles(next);
            // Jobs of the old directory that the new one does not define again go.
            old.jobs().stream().filter(job -> files.fileOf(job.id()).isEmpty()).forEach(this::removeIfSame);
        } else if (!next.defaultTimeZone().equals(previous.defaultTimeZone())
                || next.defaultMissedRuns() != previous.defaultMissedRuns()
                || !next.minInterval().equals(previous.minInterval())) {
            // Files that rely on the defaults now mean something else, or may fire too often: read them again.
            files.reconfigure(next.jobFiles());
        }
        LOG.info("Scheduler reconfigured: jobs from {}, {} workers, default zone {}, missed runs {}, {} queued runs, "
                + "runner wait {} s, minimum interval {} s", next.jobsDirectory(), next.workerPoolSize(),
                next.defaultTimeZone(), next.defaultMissedRuns(), next.maxQueuedRuns(), next.runnerWait().toSeconds(),
                next.minInterval().toSeconds());
    }

    private void restoreKept(Settings s) {
        KeptJobs.Loaded loaded;
        try {
            loaded = kept.load(s.jobFiles());
        } catch (IOException e) {
            LOG.warn("Cannot read the jobs scheduled through the API from {}; they are not scheduled until "
                    + "scheduled again: {}", settings.stateDirectory().resolve(KEPT_JOBS_DIRECTORY), e.toString());
            return;
        }
        keptRejected = List.copyOf(loaded.rejected());
        loaded.rejected().forEach(r -> LOG.warn("Rejected kept job {}", r.describe()));
        synchronized (scheduling) {
            loaded.jobs().forEach((id, job) -> {
                try {
                    active.put(id, JobTriggers.arm(job, context));
                    apiJobs.add(id);
                } catch (IllegalArgumentException e) {
                    keptRejected = concat(keptRejected, new RejectedJobFile(kept.fileOf(id), RejectedJobFile.ROOT,
                            e.getMessage()));
                    LOG.warn("Rejected kept job '{}': {}", id, e.getMessage());
                }
            });
        }
    }

    private static List<RejectedJobFile> concat(List<RejectedJobFile> list, RejectedJobFile more) {
        List<RejectedJobFile> all = new java.util.ArrayList<>(list);
        all.add(more);
        return List.copyOf(all);
    }

    private JobFileSync startFiles(Settings s) {
        JobFileSync sync = new JobFileSync(s.jobsDirectory(), s.jobFiles(), owners, new JobFileSync.Sink() {
            @Override
            public void apply(JobDefinition job) {
                // A directory scan still under way when the scheduler stops must not arm timers again.
                if (!stopped) {
                    scheduleFromFile(job);
                }
            }

            @Override
            public void remove(JobDefinition job) {
                removeIfSame(job);
            }
        });
        sync.start(watcher);
        return sync;
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        files.close();
        synchronized (scheduling) {
            // Fire times are kept: they are what tells the next start which runs were missed.
            active.values().forEach(JobTriggers::close);
            active.clear();
        }
        watcher.close();
        timer.shutdownNow();
        skips.close();
        context.fireTimes().close();
        dispatcher.close(STOP_GRACE_MILLIS);
        LOG.info("Scheduler stopped");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJobRunner(JobRunner jobRunner) {
        runner.set(jobRunner);
        dispatcher.runnerArrived();
    }

    void unbindJobRunner(JobRunner jobRunner) {
        runner.clear(jobRunner);
    }

    /** The job runner's health: whether it can take a run now or would wait for a service of its own. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + ComponentId.SERVICE_PROPERTY + "=" + JOB_RUNNER_COMPONENT + ")")
    void bindJobRunnerHealth(HealthIndicator health) {
        runnerHealth.set(health);
    }

    void unbindJobRunnerHealth(HealthIndicator health) {
        runnerHealth.clear(health);
    }

    /** Ready unless the job runner says it is not UP (it is missing a service); no health, no verdict. */
    private boolean runnerReady() {
        HealthIndicator health = runnerHealth.get();
        try {
            return health == null || health.health().state() == HealthState.UP;
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Override
    public List<ScheduledJob> jobs() {
        return active.values().stream().map(this::scheduled)
                .sorted(Comparator.comparing(j -> j.job().id())).toList();
    }

    @Override
    public Optional<ScheduledJob> job(String jobId) {
        return Optional.ofNullable(active.get(jobId)).map(this::scheduled);
    }

    private ScheduledJob scheduled(JobTriggers triggers) {
        return new ScheduledJob(triggers.job(), triggers.nextFireTimes(), !disabled.contains(triggers.job().id()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if a task fires more often than the minimum interval
     */
    @Override
    public void schedule(JobDefinition job) {
        Objects.requireNonNull(job, "job");
        synchronized (scheduling) {
            Optional<Path> file = files.fileOf(job.id());
            if (file.isPresent()) {
                throw new IllegalArgumentException("job '" + job.id() + "' is defined by the job file " + file.get()
                        + "; a job scheduled through the API never replaces a job file's");
            }
            if (!arm(job) && apiJobs.contains(job.id())) {
                return;
            }
            try {
                kept.put(job);
            } catch (IOException e) {
                // Scheduled all the same: losing it at the next restart is better than not running it now.
                LOG.warn("Cannot keep job '{}' in {}; it runs now but not after a restart until scheduled again: {}",
                        job.id(), kept.fileOf(job.id()), e.toString());
            }
            apiJobs.add(job.id());
        }
    }

    /** A job read from a job file; refused when the API owns its id (the file sync then rejects the file). */
    private void scheduleFromFile(JobDefinition job) {
        synchronized (scheduling) {
            if (apiJobs.contains(job.id())) {
                throw new IllegalArgumentException("job id '" + job.id() + "' is scheduled through the scheduler "
                        + "API (by the control plane's configuration); give this job file another id");
            }
            arm(job);
        }
    }

    /** Arms a job, replacing the job with its id; false when that job was the same already. */
    private boolean arm(JobDefinition job) {
        Duration minimum = settings.minInterval();
        for (Task task : job.tasks()) {
            Optional<MinimumInterval.Violation> violation = MinimumInterval.check(task.schedule(), minimum);
            if (violation.isPresent()) {
                throw new IllegalArgumentException("job '" + job.id() + "' task '" + task.id() + "' schedule."
                        + violation.get().field() + ": " + violation.get().message());
            }
        }
        synchronized (scheduling) {
            if (stopped) {
                throw new IllegalStateException("the scheduler is stopped; job '" + job.id() + "' was not scheduled");
            }
            JobTriggers current = active.get(job.id());
            if (current != null && current.job().equals(job)) {
                // The same job again (a job file written in two steps, a control plane sending its jobs
                // again): re-arming it would move its fire times and add or lose a run around the change.
                return false;
            }
            // Armed before the old one goes: a bad cron expression throws here and changes nothing.
            JobTriggers replaced = active.put(job.id(), JobTriggers.arm(job, context));
            if (replaced != null) {
                replaced.close();
            }
            return true;
        }
    }

    @Override
    public boolean unschedule(String jobId) {
        synchronized (scheduling) {
            JobTriggers removed = active.remove(jobId);
            if (removed == null) {
                return false;
            }
            removed.close();
            context.fireTimes().forget(jobId);
            if (apiJobs.remove(jobId)) {
                try {
                    kept.remove(jobId);
                } catch (IOException e) {
                    LOG.warn("Cannot forget job '{}' in {}; it comes back at the next restart: {}", jobId,
                            kept.fileOf(jobId), e.toString());
                }
            }
            // A job that goes (its file removed) and comes back later under the same id starts enabled.
            disabled.set(jobId, false);
            LOG.info("Unscheduled job '{}'", jobId);
            return true;
        }
    }

    /** Unschedules a job unless it was replaced since (e.g. by the control plane). */
    private void removeIfSame(JobDefinition job) {
        synchronized (scheduling) {
            JobTriggers current = active.get(job.id());
            if (current != null && current.job().equals(job) && !apiJobs.contains(job.id())) {
                unschedule(job.id());
            }
        }
    }

    @Override
    public boolean setEnabled(String jobId, boolean enabled) throws NotFoundException {
        synchronized (scheduling) {
            JobTriggers triggers = active.get(jobId);
            if (triggers == null) {
                throw new NotFoundException("no job '" + jobId + "' is scheduled");
            }
            boolean changed = disabled.set(jobId, !enabled);
            if (changed && !enabled) {
                // A start-up run still waiting for a runner is a timed run too.
                triggers.cancelDeferred();
            }
            if (changed) {
                LOG.info("Job '{}' {}", jobId, enabled ? "enabled: it runs on its schedule again"
                        : "disabled: it runs only on demand (assessment:run)");
            }
            return changed;
        }
    }

    @Override
    public CompletionStage<List<AssessmentResult>> runNow(String jobId) throws NotFoundException {
        JobTriggers triggers = active.get(jobId);
        if (triggers == null) {
            throw new NotFoundException("no job '" + jobId + "' is scheduled");
        }
        return dispatcher.runNow(triggers.job());
    }

    @Override
    public ComponentHealth health() {
        return SchedulerHealth.report(active.values(), disabled::contains, configProblems, files, rejected(), stats, skips,
                dispatcher, runner.get() != null);
    }

    @Override
    public Path directory() {
        return files.directory();
    }

    @Override
    public List<RejectedJobFile> rejected() {
        List<RejectedJobFile> fromKept = keptRejected;
        if (fromKept.isEmpty()) {
            return files.rejected();
        }
        List<RejectedJobFile> all = new java.util.ArrayList<>(files.rejected());
        all.addAll(fromKept);
        return List.copyOf(all);
    }

    @Override
    public Optional<Path> fileOf(String jobId) {
        return files.fileOf(jobId);
    }
}
