package org.assessmentruntime.jobrunner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.LogEntry.Level;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginOutput;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.jobrunner.internal.StderrLogs;
import org.assessmentruntime.pluginstore.AbiJson;
import org.assessmentruntime.pluginstore.PluginPackage;

/**
 * Runs one plugin under Plugin ABI v1 (see {@code plugins/ABI.md}) and turns whatever happens into an
 * {@link AssessmentResult} with full {@link Provenance}:
 *
 * <ol>
 * <li>every directory and environment variable the manifest asks for (a directory with the caller's
 * {@link RunOptions#hostDirectories()} in place of the manifest's) is held to the operator's
 * {@link GrantPolicy}; if it refuses any, the result is an ERROR of kind {@link FailureKind#PLUGIN_REJECTED}
 * naming each refused grant and the rule, and the plugin does not run;</li>
 * <li>the configuration in the {@link JobContext} is validated against the manifest's schema; a
 * violation is an ERROR of kind {@link FailureKind#INVALID_CONFIGURATION} listing every violation, and
 * the plugin does not run;</li>
 * <li>stdin is the context as JSON (at the manifest's ABI version); the limits are the manifest's,
 * tightened by the operator's ({@link ResourceLimits#stricterOf}); the granted directories are opened
 * read-only, at their paths with every link resolved (a granted host directory that does not exist is left out, with a WARN log entry: the plugin
 * then sees no such path, as on a host without it); of the granted environment variables, those set on
 * the host are passed with the host's values; the engine is the manifest's preference;</li>
 * <li>a failure of the run (limit, trap, exit code, invalid module, missing engine) is an ERROR of that
 * kind with the executor's message; exit code 0 means stdout is read strictly as a {@link PluginOutput}
 * (an ERROR of kind {@link FailureKind#INVALID_OUTPUT} with the parse error when it is not one); the
 * output's own {@code ERROR} status is an ERROR of kind {@link FailureKind#PLUGIN_REPORTED};</li>
 * <li>stderr becomes log entries after the output's own (one per line, levels by prefix, see
 * {@code ABI.md} section 5; blank lines dropped, at most 1000 entries of at most 4096
 * characters each, and a WARN entry saying how many were dropped), plus a WARN entry when it was truncated.</li>
 * </ol>
 *
 * <p>Every result gets a fresh random id. A plugin's misbehaviour never throws; only a caller's mistake
 * does (an {@link IllegalArgumentException}, e.g. a reference to another plugin).
 *
 * <p>Thread-safe: runs proceed concurrently as far as the executor allows.
 */
public final class PluginRunner {

    /** How much of an invalid stdout is kept in the result's logs, for the plugin's author. */
    static final int STDOUT_EXCERPT = 512;

    private final WasmExecutor executor;
    private final String runtimeId;
    private final Clock clock;
    private final Function<String, String> hostEnv;
    private final GrantPolicy policy;

    /**
     * A runner on the system clock and the process environment that grants nothing
     * ({@link GrantPolicy#denyAll()}).
     *
     * @param executor  runs the modules
     * @param runtimeId this runtime's id, for provenance
     */
    public PluginRunner(WasmExecutor executor, String runtimeId) {
        this(executor, runtimeId, Clock.systemUTC(), System::getenv);
    }

    /**
     * A runner that grants nothing ({@link GrantPolicy#denyAll()}): a plugin that asks for a directory or
     * a variable is {@link FailureKind#PLUGIN_REJECTED}.
     *
     * @param executor  runs the modules
     * @param runtimeId this runtime's id, for provenance (the agent id the control plane knows)
     * @param clock     start and end of runs
     * @param hostEnv   the host's environment: the value of a variable, {@code null} when it is not set
     */
    public PluginRunner(WasmExecutor executor, String runtimeId, Clock clock, Function<String, String> hostEnv) {
        this(executor, runtimeId, clock, hostEnv, GrantPolicy.denyAll());
    }

    /**
     * @param executor  runs the modules
     * @param runtimeId this runtime's id, for provenance (the agent id the control plane knows)
     * @param clock     start and end of runs
     * @param hostEnv   the host's environment: the value of a variable, {@code null} when it is not set
     * @param policy    the operator's policy on grants: what a manifest asks for beyond it rejects the plugin
     * @since 0.2
     */
    public PluginRunner(WasmExecutor executor, String runtimeId, Clock clock, Function<String, String> hostEnv,
            GrantPolicy policy) {
        this.executor = Objects.requireNonNull(executor, "executor");
        if (runtimeId == null || runtimeId.isBlank()) {
            throw new IllegalArgumentException("runtimeId is required");
        }
        this.runtimeId = runtimeId;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hostEnv = Objects.requireNonNull(hostEnv, "hostEnv");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Runs a plugin as its manifest says.
     *
     * @param plugin         the plugin
     * @param requested      the plugin as the job asked for it (same name)
     * @param context        the run's context; its configuration is validated here
     * @param operatorLimits the operator's caps on the manifest's limits; {@code null} for none
     * @return the result; never {@code null}
     * @throws IllegalArgumentException if {@code requested} names another plugin
     */
    public AssessmentResult run(PluginPackage plugin, PluginRef requested, JobContext context,
            ResourceLimits operatorLimits) {
        return run(plugin, requested, context, operatorLimits, RunOptions.DEFAULT);
    }

    /**
     * Runs a plugin with some departures from its manifest.
     *
     * @param plugin         the plugin
     * @param requested      the plugin as the job asked for it (same name)
     * @param context        the run's context; its configuration is validated here
     * @param operatorLimits the operator's caps on the manifest's limits; {@code null} for none
     * @param options        engine, host directories and title for this run
     * @return the result; never {@code null}
     * @throws IllegalArgumentException if {@code requested} names another plugin, or {@code options} maps
     *                                  a guest path the manifest does not grant
     */
    public AssessmentResult run(PluginPackage plugin, PluginRef requested, JobContext context,
            ResourceLimits operatorLimits, RunOptions options) {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(options, "options");
        PluginDescriptor descriptor = plugin.descriptor();
        if (!requested.name().equals(descriptor.name())) {
            throw new IllegalArgumentException("requested plugin " + requested + " is not " + descriptor.id());
        }
        Run run = new Run(plugin, requested, context, options, clock.instant());
        List<LogEntry> notes = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<DirectoryGrant> directories = directories(descriptor, options, notes, refusals, run.start);
        descriptor.grants().env().stream().map(policy::env).filter(d -> !d.allowed())
                .forEach(d -> refusals.add(d.refusal()));
        if (!refusals.isEmpty()) {
            // Nothing of the plugin runs: a manifest that asks for more than the operator allows is not trusted
            // with the rest either.
            Instant end = run.end();
            List<LogEntry> logs = new ArrayList<>();
            refusals.forEach(r -> logs.add(new LogEntry(Level.ERROR, "grant refused: " + r, end)));
            return run.error(FailureKind.PLUGIN_REJECTED, "the operator's grant policy refuses what "
                    + descriptor.id() + " asks for: " + String.join("; ", refusals), logs, "", null, end);
        }

        List<String> violations = plugin.validateConfiguration(context.configuration());
        if (!violations.isEmpty()) {
            Instant end = run.end();
            List<LogEntry> logs = new ArrayList<>();
            violations.forEach(v -> logs.add(new LogEntry(Level.ERROR, "configuration: " + v, end)));
            return run.error(FailureKind.INVALID_CONFIGURATION, "the configuration does not match the plugin's "
                    + "schema: " + String.join("; ", violations), logs, "", null, end);
        }

        ResourceLimits limits = operatorLimits == null ? descriptor.limits()
                : descriptor.limits().stricterOf(operatorLimits);
        String engine = options.engine().isEmpty() ? descriptor.engine() : options.engine();
        ExecutionOutcome outcome;
        try {
            JobContext stdin = new JobContext(descriptor.abiVersion(), context.runId(), context.jobId(),
                    context.taskId(), context.activityId(), context.planId(), context.componentId(),
                    context.controlId(), context.configuration(), context.target());
            ExecutionRequest request = new ExecutionRequest(plugin.digest(), plugin.moduleBytes(), AbiJson.write(stdin),
                    List.of(descriptor.name()), env(descriptor), directories, limits, engine);
            outcome = executor.execute(request);
        } catch (RuntimeException e) {
            // The executor must not throw; if it does, this run is the runtime's fault, not the plugin's.
            Instant end = run.end();
            return run.error(FailureKind.INTERNAL, "the run could not be carried out: " + e, notes, engine,
                    limits, end);
        }
        Instant end = run.end();
        List<LogEntry> stderr = StderrLogs.parse(outcome.stderr(), outcome.stderrTruncated(),
                limits.maxStderrBytes(), end);
        String ranOn = outcome.engine().isEmpty() ? engine : outcome.engine();

        if (!outcome.succeeded()) {
            return run.error(outcome.failure(), failureReason(outcome), concat(stderr, notes), ranOn, limits, end);
        }
        PluginOutput output;
        try {
            byte[] stdout = outcome.stdout();
            if (stdout.length == 0) {
                throw new IllegalArgumentException("stdout is empty");
            }
            output = AbiJson.read(stdout, PluginOutput.class);
        } catch (IllegalArgumentException e) {
            List<LogEntry> logs = concat(stderr, notes);
            logs.add(new LogEntry(Level.DEBUG, "stdout began with: " + excerpt(outcome.stdout()), end));
            return run.error(FailureKind.INVALID_OUTPUT, "the plugin exited 0 but its stdout is not a valid plugin "
                    + "output (ABI v1): " + e.getMessage(), logs, ranOn, limits, end);
        }
        return run.result(output, concat(output.logs(), stderr, notes), ranOn, limits, end);
    }

    /**
     * The result of a run that could not start because no runnable plugin was found: none satisfies
     * the reference ({@link FailureKind#PLUGIN_UNAVAILABLE}), or the stored one no longer verifies
     * ({@link FailureKind#PLUGIN_REJECTED}). An error is a result too, so such a run is never lost.
     *
     * @param requested the plugin as the job asked for it
     * @param context   the run's context
     * @param kind      why it could not run
     * @param reason    what happened, for operators
     * @param title     the result's title
     * @return an ERROR result whose provenance names the request but no plugin
     */
    public AssessmentResult notRun(PluginRef requested, JobContext context, FailureKind kind, String reason,
            String title) {
        Instant now = clock.instant();
        return new AssessmentResult(UUID.randomUUID(), context.runId(), context.jobId(), context.taskId(),
                context.activityId(), context.planId(), context.componentId(), context.controlId(),
                ResultStatus.ERROR, kind, reason, title.isBlank() ? requested.toString() : title, List.of(), List.of(),
                List.of(), List.of(), List.of(), new Provenance(requested, null, null, "", null, runtimeId, now, now));
    }

    /** The directories to open, resolved and allowed by the policy; what it refuses goes to {@code refusals}. */
    private List<DirectoryGrant> directories(PluginDescriptor descriptor, RunOptions options, List<LogEntry> notes,
            List<String> refusals, Instant now) {
        Map<String, String> overrides = new LinkedHashMap<>(options.hostDirectories());
        List<String> guests = descriptor.grants().directories().stream().map(DirectoryGrant::guestPath).toList();
        if (!guests.containsAll(overrides.keySet())) {
            overrides.keySet().removeAll(guests);
            throw new IllegalArgumentException("the manifest of " + descriptor.id() + " grants no guest path "
                    + String.join(", ", overrides.keySet()) + " (it grants " + guests + ")");
        }
        List<DirectoryGrant> directories = new ArrayList<>();
        for (DirectoryGrant grant : descriptor.grants().directories()) {
            if (grant.writable()) {
                // A plugin gathers evidence: no policy grants it the right to change the host it assesses.
                refusals.add("a writable directory is never granted to a plugin (guest " + grant.guestPath() + ")");
                continue;
            }
            // A caller's host directory in place of the manifest's is held to the same policy.
            String host = overrides.getOrDefault(grant.guestPath(), grant.hostPath());
            GrantPolicy.Decision decision = policy.directory(host);
            if (!decision.allowed()) {
                refusals.add(decision.refusal() + " (guest " + grant.guestPath() + ")");
                continue;
            }
            // The resolved path is opened: what was checked, not wherever a link points by the time it opens.
            Path real = decision.hostPath();
            if (Files.isDirectory(real)) {
                directories.add(new DirectoryGrant(real.toString(), grant.guestPath()));
            } else {
                notes.add(new LogEntry(Level.WARN, "granted directory " + host + (Files.exists(real)
                        ? " is not a directory" : " does not exist") + " on this host; the plugin sees nothing at "
                        + grant.guestPath(), now));
            }
        }
        return directories;
    }

    private Map<String, String> env(PluginDescriptor descriptor) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : descriptor.grants().env()) {
            String value = hostEnv.apply(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    private static String failureReason(ExecutionOutcome outcome) {
        String message = outcome.message();
        if (outcome.failure() == FailureKind.EXIT_CODE) {
            String exited = "exited with code " + Integer.toUnsignedString(outcome.exitCode());
            return message.isBlank() || message.equals(exited) ? "the plugin " + exited
                    : "the plugin " + exited + ": " + message;
        }
        return message.isBlank() ? "the run failed: " + outcome.failure() : message;
    }

    private static String excerpt(byte[] stdout) {
        if (stdout.length == 0) {
            return "(nothing)";
        }
        String text = new String(stdout, 0, Math.min(stdout.length, STDOUT_EXCERPT), StandardCharsets.UTF_8);
        return text + (stdout.length > STDOUT_EXCERPT ? "… (" + stdout.length + " bytes)" : "");
    }

    @SafeVarargs
    private static List<LogEntry> concat(List<LogEntry>... parts) {
        List<LogEntry> all = new ArrayList<>();
        for (List<LogEntry> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** One run in progress: what every result of it shares. */
    private final class Run {
        private final PluginPackage plugin;
        private final PluginRef requested;
        private final JobContext context;
        private final RunOptions options;
        private final Instant start;

        Run(PluginPackage plugin, PluginRef requested, JobContext context, RunOptions options, Instant start) {
            this.plugin = plugin;
            this.requested = requested;
            this.context = context;
            this.options = options;
            this.start = start;
        }

        /** Now, but never before the start (a clock may step back). */
        Instant end() {
            Instant now = clock.instant();
            return now.isBefore(start) ? start : now;
        }

        AssessmentResult error(FailureKind kind, String reason, List<LogEntry> logs, String engine,
                ResourceLimits limits, Instant end) {
            return new AssessmentResult(UUID.randomUUID(), context.runId(), context.jobId(), context.taskId(),
                    context.activityId(), context.planId(), context.componentId(), context.controlId(),
                    ResultStatus.ERROR, kind, reason, title(""), List.of(), List.of(), List.of(), List.of(), logs,
                    provenance(engine, limits, end));
        }

        AssessmentResult result(PluginOutput output, List<LogEntry> logs, String engine, ResourceLimits limits,
                Instant end) {
            boolean reported = output.status() == ResultStatus.ERROR;
            // ABI v1: an observation without a time was made at the end of the run.
            List<Observation> observations = output.observations().stream()
                    .map(o -> o.collected() != null ? o
                            : new Observation(o.uuid(), o.title(), o.description(), o.methods(), o.subjects(),
                                    o.evidence(), o.props(), end))
                    .toList();
            return new AssessmentResult(UUID.randomUUID(), context.runId(), context.jobId(), context.taskId(),
                    context.activityId(), context.planId(), context.componentId(), context.controlId(),
                    output.status(), reported ? FailureKind.PLUGIN_REPORTED : null, output.reason(),
                    title(output.title()), observations, output.findings(), output.risks(), output.subjects(), logs,
                    provenance(engine, limits, end));
        }

        private String title(String fromPlugin) {
            if (!fromPlugin.isBlank()) {
                return fromPlugin;
            }
            return options.title().isEmpty() ? plugin.id().toString() : options.title();
        }

        private Provenance provenance(String engine, ResourceLimits limits, Instant end) {
            return new Provenance(requested, plugin.id(), plugin.digest(), engine, limits, runtimeId, start, end);
        }
    }
}
