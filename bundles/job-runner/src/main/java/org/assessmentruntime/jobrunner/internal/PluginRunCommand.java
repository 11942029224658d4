package org.assessmentruntime.jobrunner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.assessmentruntime.api.JobRunner;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.jobrunner.GrantPolicy;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.jobrunner.RunOptions;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;

/**
 * {@code assessment:plugin-run}: runs a plugin directory once through the runtime's executor, the way
 * a job would, and prints the result. For plugin authors and for checking a plugin on this host before
 * scheduling it; the result is not stored. The run is held to the job runner's grant policy, as a job's
 * would be (plus the host directories named with {@code --grant}): a plugin whose grants it refuses is
 * PLUGIN_REJECTED here too. A command that cannot run the
 * plugin (no such plugin, invalid configuration file, bad --grant) fails with the reason.
 */
@Service
@Command(scope = "assessment", name = "plugin-run",
        description = "Runs a plugin (a directory with plugin.json and plugin.wasm) once through the runtime's "
                + "executor and prints its result as JSON. The result is not stored.")
public class PluginRunCommand implements Action {

    /** Provenance names the runtime; until the runtime has its own id (control-plane issue) it is local. */
    static final String RUNTIME_ID = "local";

    // ISO-8601 times: the same JSON as the CLI's plugin run prints. Also reads the --config file (a plain
    // map, which neither the time module nor the writing features change).
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final ObjectWriter RESULT_WRITER = JSON.writerWithDefaultPrettyPrinter();

    @Reference
    WasmExecutor executor;

    /** The runtime's job runner, for its grant policy; optional so that the command works without one. */
    @Reference(optional = true)
    JobRunner jobRunner;

    @Argument(index = 0, name = "plugin", required = true,
            description = "Plugin directory (plugin.json + plugin.wasm), or its plugin.json")
    @Completion(FileCompleter.class)
    String plugin;

    @Option(name = "--config", description = "JSON file with the plugin's configuration (default: {})")
    @Completion(FileCompleter.class)
    String configFile;

    @Option(name = "--grant", multiValued = true,
            description = "HOST::GUEST: open host directory HOST at the guest path GUEST the manifest grants "
                    + "(e.g. to check a copy of /etc/ssh), as the CLI's plugin run does. HOST is allowed for this "
                    + "run unless it is protected (Karaf's etc or data, the control plane's credential files)")
    List<String> grants;

    @Option(name = "--engine", description = "Engine to run on instead of the manifest's or the default")
    String engine;

    @Override
    public Object execute() throws Exception {
        PluginPackage pkg;
        Map<String, Object> configuration;
        RunOptions options;
        AssessmentResult result;
        try {
            pkg = PluginPackage.load(resolve(plugin));
            configuration = readConfiguration();
            options = options();
            JobContext context = new JobContext(JobContext.ABI_VERSION, UUID.randomUUID(), "adhoc", "adhoc", "adhoc",
                    "", "", "", configuration, null);
            // The job runner's policy, so that this command shows what a job would get (without it, nothing);
            // a host directory the operator names here with --grant is allowed for this run, what is protected
            // (Karaf's etc and data, the credential files) stays refused.
            GrantPolicy policy = (jobRunner instanceof JobRunnerService service ? service.policy()
                    : GrantPolicy.denyAll()).alsoAllowing(options.hostDirectories().values());
            result = new PluginRunner(executor, RUNTIME_ID, Clock.systemUTC(), System::getenv, policy).run(pkg,
                    new PluginRef(pkg.descriptor().name(), pkg.descriptor().version()), context, null, options);
        } catch (InvalidPluginException | IllegalArgumentException | IOException e) {
            // Thrown, not printed: the shell reports it and a scripted (ssh) call gets a non-zero status.
            throw new CommandException("plugin-run: " + e.getMessage(), e);
        }
        System.out.println(RESULT_WRITER.writeValueAsString(result));
        return null;
    }

    // Relative paths name the runtime's own files first (plugins/examples/...), wherever it was started.
    private static Path resolve(String path) {
        Path given = Path.of(path);
        String home = System.getProperty("karaf.home");
        if (!given.isAbsolute() && home != null && Files.exists(Path.of(home).resolve(given))) {
            return Path.of(home).resolve(given);
        }
        return given;
    }

    private Map<String, Object> readConfiguration() throws IOException {
        if (configFile == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(Files.readAllBytes(Path.of(configFile)),
                    new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IOException("cannot read the configuration " + configFile + ": " + e.getMessage(), e);
        }
    }

    private RunOptions options() {
        RunOptions options = RunOptions.DEFAULT.withEngine(engine);
        for (String grant : grants == null ? List.<String>of() : grants) {
            int sep = grant.indexOf("::");
            if (sep <= 0 || sep + 2 >= grant.length()) {
                throw new IllegalArgumentException("--grant must be HOST::GUEST, got '" + grant + "'");
            }
            options = options.withHostDirectory(grant.substring(sep + 2),
                    Path.of(grant.substring(0, sep)).toAbsolutePath().normalize().toString());
        }
        return options;
    }
}
