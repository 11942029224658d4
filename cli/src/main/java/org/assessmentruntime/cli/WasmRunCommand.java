package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.wasmexecutor.WasmExecutors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assessment wasm run}: any WASI preview1 command module, like a native program. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Run a WASI preview1 command module like a native program, on the runtime's engines and within "
                    + "hard limits.",
            "",
            "stdin is read to its end before the module starts and given to it whole; the module's stdout and "
                    + "stderr are kept in memory (up to --max-stdout and --max-stderr) and written out after it "
                    + "ends. Its exit code becomes this command's. A limit hit, a trap or an invalid module is "
                    + "reported on stderr (prefixed 'wasm run:') with an exit code of its own, below.",
            "",
            "Directories: --dir preopens a directory read-write, as other WASI runtimes do (the module may create, "
                    + "write, rename and remove inside it, never outside it); --dir-ro preopens it read-only. "
                    + "(Plugins run by the runtime only ever get read-only directories.)",
            "",
            "Examples:",
            "  echo hi | assessment wasm run hello.wasm",
            "  assessment wasm run --dir-ro /etc/ssh --timeout 5s probe.wasm sshd_config",
            "  assessment wasm run --env TZ --max-memory 64MiB tool.wasm --verbose",
            "" })
final class WasmRunCommand implements Callable<Integer> {

    static final String NAME = "wasm run";

    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "Preopen the host directory HOST read-write at the guest path GUEST (default: HOST made "
                    + "absolute).")
    private List<String> dirs = new ArrayList<>();

    @Option(names = "--dir-ro", paramLabel = "HOST[::GUEST]",
            description = "Preopen the host directory HOST read-only at the guest path GUEST (default: HOST made "
                    + "absolute).")
    private List<String> readOnlyDirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME[=VALUE]",
            description = "Set an environment variable for the module; NAME alone passes this process's value "
                    + "(if set). The module sees no other variables.")
    private List<String> env = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Units.DurationConverter.class,
            description = "Stop the module after this wall-clock time, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).",
            defaultValue = "60s")
    private Duration timeout;

    @Option(names = "--max-memory", paramLabel = "BYTES", converter = Units.BytesConverter.class,
            description = "Largest linear memory, e.g. 64MiB, 1GiB, 1048576 (default: ${DEFAULT-VALUE}).",
            defaultValue = "256MiB")
    private long maxMemory;

    @Option(names = "--max-stdout", paramLabel = "BYTES", converter = Units.BytesConverter.class,
            description = "Stop the module when it writes more to stdout (default: ${DEFAULT-VALUE}).",
            defaultValue = "4MiB")
    private long maxStdout;

    @Option(names = "--max-stderr", paramLabel = "BYTES", converter = Units.BytesConverter.class,
            description = "Keep at most this much of stderr; the rest is dropped (default: ${DEFAULT-VALUE}).",
            defaultValue = "1MiB")
    private long maxStderr;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Engine: chicory (pure Java) or wasmtime (native) (default: ${DEFAULT-VALUE}).",
            defaultValue = Engines.DEFAULT)
    private String engine;

    @Parameters(index = "0", paramLabel = "MODULE.wasm", description = "The module (binary WebAssembly).")
    private Path module;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the module (argv[1..]; argv[0] "
            + "is MODULE as given). Everything after MODULE is passed on, options too.")
    private List<String> args = new ArrayList<>();

    WasmRunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        // Check every argument before reading anything.
        Engines.requireKnown(spec, engine);
        List<DirectoryGrant> directories = new ArrayList<>();
        for (String dir : dirs) {
            directories.add(Grants.parse(spec, "--dir", dir, false, true));
        }
        for (String dir : readOnlyDirs) {
            directories.add(Grants.parse(spec, "--dir-ro", dir, false, false));
        }
        Grants.checkUnique(spec, directories);
        Map<String, String> variables = environment();
        ResourceLimits limits = new ResourceLimits(timeout, maxMemory, maxStdout, maxStderr);

        byte[] bytes;
        try {
            bytes = Files.readAllBytes(module);
        } catch (NoSuchFileException e) {
            cli.err().println(NAME + ": " + module + ": no such file");
            return ExitCodes.NO_INPUT;
        } catch (IOException e) {
            cli.err().println(NAME + ": cannot read " + module + ": " + e);
            return ExitCodes.NO_INPUT;
        }
        byte[] stdin = cli.in().readAllBytes();

        WasmEngine wasmEngine;
        try {
            wasmEngine = cli.engines().create(engine);
        } catch (Engines.Unavailable e) {
            cli.err().println(NAME + ": engine '" + engine + "' is not available: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        ExecutionOutcome outcome;
        try {
            List<String> argv = new ArrayList<>();
            argv.add(module.toString());
            argv.addAll(args);
            outcome = WasmExecutors.create(engine, 1, List.of(wasmEngine)).execute(new ExecutionRequest(
                    Digest.sha256(bytes), bytes, stdin, argv, variables, directories, limits, engine));
        } finally {
            close(wasmEngine);
        }

        cli.out().write(outcome.stdout());
        cli.out().flush();
        cli.err().write(outcome.stderr());
        if (outcome.stderrTruncated()) {
            cli.err().println();
            cli.err().println(NAME + ": stderr was truncated at " + maxStderr + " bytes (--max-stderr)");
        }
        cli.err().flush();
        return exitCode(outcome);
    }

    private int exitCode(ExecutionOutcome outcome) {
        if (outcome.succeeded()) {
            return ExitCodes.OK;
        }
        if (outcome.failure() == FailureKind.EXIT_CODE) {
            int code = outcome.exitCode();
            if (code >= 0 && code <= 255) {
                return code;
            }
            cli.err().println(NAME + ": the module exited with code " + Integer.toUnsignedString(code)
                    + ", which a process cannot; exiting with 1");
            return 1;
        }
        cli.err().println(NAME + ": " + describe(outcome.failure()) + ": " + outcome.message());
        return ExitCodes.of(outcome.failure());
    }

    private static String describe(FailureKind kind) {
        return switch (kind) {
            case TIMEOUT -> "timeout";
            case MEMORY_LIMIT -> "memory limit";
            case OUTPUT_LIMIT -> "output limit";
            case TRAP -> "trap";
            case INVALID_MODULE -> "invalid module";
            case ENGINE_UNAVAILABLE -> "engine unavailable";
            default -> "internal error";
        };
    }

    private Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ParameterException(spec.commandLine(), "--env: '" + entry + "' does not start with a "
                        + "variable name (letters, digits, '_'; not starting with a digit)");
            }
            if (eq >= 0) {
                variables.put(name, entry.substring(eq + 1));
            } else if (System.getenv(name) != null) {
                variables.put(name, System.getenv(name));
            }
        }
        return variables;
    }

    static void close(WasmEngine engine) {
        if (engine instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing only stops worker threads; nothing to report to the user.
            }
        }
    }
}
