package org.assessmentruntime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.assessmentruntime.wasmexecutor.WasmExecutors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assessment plugin check}: validates a plugin's manifest and module as an install would. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Check a plugin as the runtime does before installing it: the manifest (strict JSON, supported ABI "
                    + "version, grants, limits, a valid configuration schema) and the module, which the engine "
                    + "must compile as a WASI preview1 command (a _start export, only the WASI imports the "
                    + "engine provides).",
            "",
            "Example:",
            "  assessment plugin check plugins/target/plugins/sshd-hardening",
            "" })
final class PluginCheckCommand implements Callable<Integer> {

    static final String NAME = "plugin check";

    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN_DIR",
            description = "The plugin: a directory with plugin.json and plugin.wasm (or its plugin.json).")
    private Path plugin;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Engine to compile with: chicory or wasmtime (default: chicory).")
    private String engine = Engines.DEFAULT;

    PluginCheckCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Engines.requireKnown(spec, engine);
        if (!Files.exists(plugin)) {
            cli.err().println(NAME + ": " + plugin + ": no such file or directory");
            return ExitCodes.NO_INPUT;
        }
        PluginPackage pkg;
        try {
            pkg = PluginPackage.load(plugin);
        } catch (InvalidPluginException e) {
            cli.err().println(NAME + ": invalid plugin: " + e.getMessage());
            return ExitCodes.DATA;
        }
        WasmEngine wasmEngine;
        try {
            wasmEngine = cli.engines().create(engine);
        } catch (Engines.Unavailable e) {
            cli.err().println(NAME + ": engine '" + engine + "' is not available: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        try {
            WasmExecutors.create(engine, 1, List.of(wasmEngine)).prepare(pkg.digest(), pkg.module(), engine);
        } catch (AssessmentException e) {
            cli.err().println(NAME + ": " + pkg.descriptor().id() + ": the module is not a WASI command module "
                    + "the engine '" + engine + "' accepts: " + e.getMessage());
            return ExitCodes.DATA;
        } finally {
            WasmRunCommand.close(wasmEngine);
        }
        cli.out().println(pkg.descriptor().id() + ": OK (manifest valid, module " + pkg.digest()
                + " compiles on " + engine + ")");
        return ExitCodes.OK;
    }
}
