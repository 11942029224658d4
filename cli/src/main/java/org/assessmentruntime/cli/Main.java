package org.assessmentruntime.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code assessment}: the Assessment Runtime's command line, without an OSGi container.
 *
 * <pre>
 * java -jar cli/target/assessment-cli.jar wasm run [OPTIONS] MODULE.wasm [ARGS...]
 * java -jar cli/target/assessment-cli.jar plugin run PLUGIN [--config FILE] [--target FILE] [OPTIONS]
 * java -jar cli/target/assessment-cli.jar plugin check|keygen|sign|verify ...
 * java -jar cli/target/assessment-cli.jar registry build DIR --out OUT [--base-url URL]
 * java -jar cli/target/assessment-cli.jar results export --oscal FILE --store DIR
 * </pre>
 */
@Command(name = "assessment", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The Assessment Runtime's command line: runs WebAssembly modules and assessment plugins "
                + "on the runtime's own engines, without the runtime.",
        subcommands = { Main.Wasm.class, Main.Plugin.class, Main.Registry.class, Main.Results.class },
        footer = { "", "Each command's --help lists its options and exit codes." },
        usageHelpAutoWidth = true)
public final class Main {

    /**
     * Runs the CLI in this process and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine(Cli.system()).execute(args));
    }

    /**
     * The command line, ready to {@link CommandLine#execute(String...) execute}, on the given streams and
     * engines (tests give their own).
     *
     * @param cli streams and engines
     * @return the command line
     */
    public static CommandLine commandLine(Cli cli) {
        CommandLine cmd = new CommandLine(new Main(), new Factory(cli));
        CommandLine wasmRun = cmd.getSubcommands().get("wasm").getSubcommands().get("run");
        // Everything after MODULE belongs to the module, even what looks like an option.
        wasmRun.setStopAtPositional(true);
        exitCodes(wasmRun.getCommandSpec(), ExitCodes.wasmRun());
        exitCodes(cmd.getSubcommands().get("plugin").getSubcommands().get("run").getCommandSpec(),
                ExitCodes.pluginRun());
        CommandLine plugin = cmd.getSubcommands().get("plugin");
        for (String name : new String[] { "new", "check", "keygen", "sign", "verify" }) {
            exitCodes(plugin.getSubcommands().get(name).getCommandSpec(), ExitCodes.tool(name));
        }
        exitCodes(cmd.getSubcommands().get("registry").getSubcommands().get("build").getCommandSpec(),
                ExitCodes.tool("registry build"));
        exitCodes(cmd.getSubcommands().get("results").getSubcommands().get("export").getCommandSpec(),
                ExitCodes.tool("results export"));
        cmd.setOut(new PrintWriter(new OutputStreamWriter(cli.out(), StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(cli.err(), StandardCharsets.UTF_8), true));
        cmd.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandName().equals("assessment") ? "assessment: " + e.getMessage()
                    : qualifiedName(failed) + ": " + e.getMessage());
            err.println("Try '" + qualifiedName(failed) + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
            PrintWriter err = failed.getErr();
            err.println(qualifiedName(failed) + ": internal error: " + e);
            err.flush();
            return ExitCodes.INTERNAL;
        });
        return cmd;
    }

    private static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }

    private static void exitCodes(CommandSpec spec, Map<String, String> codes) {
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    /** {@code assessment wasm}: WebAssembly modules. */
    @Command(name = "wasm", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Run WebAssembly (WASI preview1) modules.", subcommands = WasmRunCommand.class,
            usageHelpAutoWidth = true)
    static final class Wasm {
    }

    /** {@code assessment plugin}: assessment plugins. */
    @Command(name = "plugin", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Run, check, sign and verify assessment plugins (Plugin ABI v1).",
            subcommands = { PluginNewCommand.class, PluginRunCommand.class, PluginCheckCommand.class, PluginKeygenCommand.class,
                PluginSignCommand.class, PluginVerifyCommand.class },
            usageHelpAutoWidth = true)
    static final class Plugin {
    }

    /** {@code assessment registry}: static plugin registries. */
    @Command(name = "registry", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Build static plugin registries.", subcommands = RegistryBuildCommand.class,
            usageHelpAutoWidth = true)
    static final class Registry {
    }

    /** {@code assessment results}: result stores. */
    @Command(name = "results", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Export stored assessment results.", subcommands = ResultsExportCommand.class,
            usageHelpAutoWidth = true)
    static final class Results {
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] { "assessment " + (version == null ? "(development build)" : version) };
        }
    }

    /** Creates commands with the {@link Cli} they run with. */
    private static final class Factory implements IFactory {
        private final Cli cli;

        Factory(Cli cli) {
            this.cli = cli;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(Cli.class);
                return constructor.newInstance(cli);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
