package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Target;
import org.assessmentruntime.jobrunner.GrantPolicy;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.jobrunner.RunOptions;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.assessmentruntime.wasmexecutor.WasmExecutors;

import com.fasterxml.jackson.core.type.TypeReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assessment plugin run}: one plugin under Plugin ABI v1, as the runtime runs it. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Run an assessment plugin under Plugin ABI v1, as the runtime does: the configuration is validated "
                    + "against the plugin's schema, the plugin gets its context on stdin, the directories and "
                    + "environment variables its manifest grants (read-only) and its manifest's limits, and "
                    + "whatever happens becomes an assessment result, printed as JSON on stdout.",
            "",
            "By default each directory the manifest grants is the host directory it names; --grant opens "
                    + "another host directory at one of those guest paths instead (e.g. a test fixture).",
            "",
            "Nothing is granted unless you allow it, as the runtime's operator policy does: a host directory "
                    + "must be one given with --grant, or lie within one given with --allow-dir, and an "
                    + "environment variable must be allowed with --allow-env; otherwise the result is ERROR "
                    + "(PLUGIN_REJECTED). Never granted: the file-system root, /proc, /sys, the files "
                    + "ASSESSMENT_CLIENT_SECRET_FILE, ASSESSMENT_CLIENT_KEY, ASSESSMENT_CLIENT_CERT and "
                    + "ASSESSMENT_CA_BUNDLE name (or a directory containing them), and the variables ASSESSMENT_*, "
                    + "CCF_*, KARAF_*, JAVA_*.",
            "",
            "Examples:",
            "  assessment plugin run plugins/target/plugins/os-baseline --allow-dir /etc --allow-dir /usr/lib",
            "  assessment plugin run plugins/target/plugins/sshd-hardening \\",
            "      --config cfg.json --grant fixtures/fail::/etc/ssh",
            "" })
final class PluginRunCommand implements Callable<Integer> {

    static final String NAME = "plugin run";

    /** The runtime id in the results' provenance. */
    static final String RUNTIME_ID = "assessment-cli";

    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN",
            description = "The plugin: a directory with plugin.json and plugin.wasm, its plugin.json, or a .wasm "
                    + "module with plugin.json beside it.")
    private Path plugin;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration: a JSON object, validated against the plugin's configSchema "
                    + "(default: none, i.e. the plugin's defaults).")
    private Path config;

    @Option(names = "--target", paramLabel = "FILE",
            description = "What to assess: a JSON object {id, type, title?, facts?} (default: none, i.e. the host "
                    + "the plugin runs on).")
    private Path target;

    @Option(names = "--grant", paramLabel = "HOST::GUEST",
            description = "Open the host directory HOST, read-only, at GUEST, a guest path the manifest grants, "
                    + "instead of the host directory the manifest names.")
    private List<String> grants = new ArrayList<>();

    @Option(names = "--allow-dir", paramLabel = "DIR",
            description = "Allow the plugin to be granted the host directory DIR, or one within it, as its manifest "
                    + "asks (default: none; directories given with --grant are allowed).")
    private List<String> allowDirs = new ArrayList<>();

    @Option(names = "--allow-env", paramLabel = "NAME",
            description = "Allow the plugin to be granted the environment variable NAME, or those starting with "
                    + "PREFIX for PREFIX*, as its manifest asks (default: none).")
    private List<String> allowEnv = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Engine: chicory or wasmtime (default: the manifest's preference, else chicory).")
    private String engine;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Units.DurationConverter.class,
            description = "Cap the manifest's timeout (an operator may only tighten limits), e.g. 5s.")
    private Duration timeout;

    @Option(names = "--max-memory", paramLabel = "BYTES", converter = Units.BytesConverter.class,
            description = "Cap the manifest's memory limit, e.g. 16MiB.")
    private Long maxMemory;

    PluginRunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        Engines.requireKnown(spec, engine);
        if (!Files.exists(plugin)) {
            cli.err().println(NAME + ": " + plugin + ": no such file or directory");
            return ExitCodes.NO_INPUT;
        }
        PluginPackage pkg;
        try {
            pkg = PluginPackage.load(plugin);
        } catch (InvalidPluginException e) {
            cli.err().println(NAME + ": " + e.getMessage());
            return e.getCause() instanceof IOException ? ExitCodes.NO_INPUT : ExitCodes.DATA;
        }
        PluginDescriptor descriptor = pkg.descriptor();
        RunOptions options = RunOptions.DEFAULT;
        List<String> granted = descriptor.grants().directories().stream().map(DirectoryGrant::guestPath).toList();
        List<String> allowedDirs = new ArrayList<>();
        for (String value : grants) {
            DirectoryGrant grant = Grants.parse(spec, "--grant", value, true, false);
            if (!granted.contains(grant.guestPath())) {
                throw Grants.usage(spec, "--grant: " + descriptor.id() + " is granted no guest path "
                        + grant.guestPath() + (granted.isEmpty() ? " (it is granted no directories)"
                                : " (it is granted " + String.join(", ", granted) + ")"));
            }
            options = options.withHostDirectory(grant.guestPath(), grant.hostPath());
            // Named on the command line: the user allows it (the always-denied paths still are not).
            allowedDirs.add(grant.hostPath());
        }
        GrantPolicy policy = Grants.policy(spec, allowedDirs, allowDirs, allowEnv);

        Map<String, Object> configuration;
        Target assessed;
        try {
            configuration = config == null ? Map.of() : CliJson.read(config, new TypeReference<Map<String, Object>>() {
            }, "a JSON object");
            assessed = target == null ? null : CliJson.read(target, new TypeReference<Target>() {
            }, "a JSON object {id, type, title?, facts?}");
        } catch (NoSuchFileException e) {
            cli.err().println(NAME + ": " + e.getFile() + ": no such file");
            return ExitCodes.NO_INPUT;
        } catch (CliJson.Invalid e) {
            cli.err().println(NAME + ": " + e.getMessage());
            return ExitCodes.DATA;
        }

        String engineName = engine != null ? engine
                : descriptor.engine().isEmpty() ? Engines.DEFAULT : descriptor.engine();
        if (!Engines.KNOWN.contains(engineName)) {
            cli.err().println(NAME + ": " + descriptor.id() + " asks for the engine '" + engineName
                    + "', which this CLI does not have; choose one with --engine (" + String.join(", ",
                            Engines.KNOWN) + ")");
            return ExitCodes.UNAVAILABLE;
        }
        WasmEngine wasmEngine;
        try {
            wasmEngine = cli.engines().create(engineName);
        } catch (Engines.Unavailable e) {
            cli.err().println(NAME + ": engine '" + engineName + "' is not available: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        AssessmentResult result;
        try {
            PluginRunner runner = new PluginRunner(WasmExecutors.create(engineName, 1, List.of(wasmEngine)),
                    RUNTIME_ID, Clock.systemUTC(), System::getenv, policy);
            String name = descriptor.name();
            JobContext context = new JobContext(JobContext.ABI_VERSION, UUID.randomUUID(), "cli", "cli",
                    name.substring(name.indexOf('/') + 1), "", "", "", configuration, assessed);
            ResourceLimits caps = timeout == null && maxMemory == null ? null
                    : new ResourceLimits(timeout, maxMemory == null ? 0 : maxMemory, 0, 0);
            result = runner.run(pkg, new PluginRef(name, descriptor.version()), context, caps,
                    options.withEngine(engineName));
        } finally {
            WasmRunCommand.close(wasmEngine);
        }

        cli.out().println(CliJson.pretty(result));
        cli.out().flush();
        if (result.status() == ResultStatus.ERROR) {
            cli.err().println(NAME + ": " + descriptor.id() + ": ERROR (" + result.errorKind() + "): "
                    + result.reason());
            if (result.errorKind() == FailureKind.PLUGIN_REJECTED) {
                cli.err().println(NAME + ": allow what it may be granted with --allow-dir, --allow-env or --grant");
            }
            return ExitCodes.RESULT_ERROR;
        }
        return ExitCodes.OK;
    }
}
