package org.assessmentruntime.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.assessmentruntime.api.model.FailureKind;

/**
 * The CLI's exit codes. {@code wasm run} exits with the module's own code when the module exits; the
 * codes below are for everything else. They follow sysexits(3) for usage and input problems and the
 * conventions of timeout(1) and other WebAssembly runtimes for a run that was stopped; a module may of
 * course exit with any of these values itself, and then only the message on stderr tells them apart.
 */
public final class ExitCodes {

    /** The module exited 0; the plugin ran (its result is PASS or FAIL). */
    public static final int OK = 0;
    /** {@code plugin run}: the plugin ran but its result is ERROR ({@code errorKind} says why). */
    public static final int RESULT_ERROR = 1;
    /** {@code plugin verify}: the plugin does not match its signature, or it is unsigned. */
    public static final int VERIFY_FAILED = 1;
    /** Bad command line: unknown option, missing or malformed argument (sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /**
     * Invalid input data: not a WebAssembly module the engine accepts ({@code INVALID_MODULE}), an invalid
     * plugin manifest, a configuration or target file that is not the JSON it must be (EX_DATAERR).
     */
    public static final int DATA = 65;
    /** An input file does not exist or cannot be read (EX_NOINPUT). */
    public static final int NO_INPUT = 66;
    /** The engine is not available here, e.g. wasmtime without its native library (EX_UNAVAILABLE). */
    public static final int UNAVAILABLE = 69;
    /** An output file cannot be created, or exists and is not overwritten (EX_CANTCREAT). */
    public static final int CANT_CREATE = 73;
    /** A fault of the CLI or the runtime itself (EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** The run took longer than {@code --timeout} and was stopped (as timeout(1)). */
    public static final int TIMEOUT = 124;
    /** The module's memory would have grown beyond {@code --max-memory}. */
    public static final int MEMORY_LIMIT = 125;
    /** The module wrote more than {@code --max-stdout} to stdout and was stopped. */
    public static final int OUTPUT_LIMIT = 126;
    /** The module trapped (128 + SIGABRT, as wasmtime reports a trap). */
    public static final int TRAP = 134;

    private ExitCodes() {
    }

    /**
     * The exit code for a run that did not end with an exit of the module's own.
     *
     * @param kind why the run failed
     * @return the code
     */
    public static int of(FailureKind kind) {
        return switch (kind) {
            case TIMEOUT -> TIMEOUT;
            case MEMORY_LIMIT -> MEMORY_LIMIT;
            case OUTPUT_LIMIT -> OUTPUT_LIMIT;
            case TRAP -> TRAP;
            case INVALID_MODULE -> DATA;
            case ENGINE_UNAVAILABLE -> UNAVAILABLE;
            default -> INTERNAL;
        };
    }

    /** The exit codes of {@code wasm run}, for its {@code --help}. */
    static Map<String, String> wasmRun() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "The module exited 0.");
        codes.put("1-255", "The module's own non-zero exit code (codes above 255: 1, with a note on stderr).");
        common(codes);
        codes.put(Integer.toString(TIMEOUT), "Timeout: the run took longer than --timeout.");
        codes.put(Integer.toString(MEMORY_LIMIT), "Memory limit: the module would exceed --max-memory.");
        codes.put(Integer.toString(OUTPUT_LIMIT), "Output limit: the module wrote more than --max-stdout.");
        codes.put(Integer.toString(TRAP), "The module trapped.");
        return codes;
    }

    /** The exit codes of {@code plugin run}, for its {@code --help}. */
    static Map<String, String> pluginRun() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "The plugin ran: the result (on stdout) is PASS or FAIL.");
        codes.put(Integer.toString(RESULT_ERROR), "The result (on stdout) is ERROR: see its errorKind (limits, "
                + "traps, exit codes, invalid output or configuration, the plugin's own error).");
        common(codes);
        return codes;
    }

    /** Exit codes of the commands that run no module, for their {@code --help}. */
    static Map<String, String> tool(String command) {
        Map<String, String> codes = new LinkedHashMap<>();
        switch (command) {
            case "new" -> {
                codes.put("0", "The project was created.");
                codes.put(Integer.toString(USAGE), "Usage error (an invalid name or an unknown --lang).");
                codes.put(Integer.toString(CANT_CREATE), "The directory exists and is not empty, or cannot be written.");
            }
            case "check" -> {
                codes.put("0", "The manifest is valid and the engine compiles the module as a WASI command.");
                codes.put(Integer.toString(USAGE), "Usage error.");
                codes.put(Integer.toString(DATA), "Invalid manifest, or the module is not a WASI command module.");
                codes.put(Integer.toString(NO_INPUT), "The plugin does not exist.");
                codes.put(Integer.toString(UNAVAILABLE), "The engine is not available here.");
            }
            case "keygen" -> {
                codes.put("0", "The key pair was written.");
                codes.put(Integer.toString(USAGE), "Usage error.");
                codes.put(Integer.toString(UNAVAILABLE), "This JDK has no Ed25519.");
                codes.put(Integer.toString(CANT_CREATE), "A key file exists already (never overwritten), or cannot be written.");
            }
            case "sign" -> {
                codes.put("0", "plugin.sig was written.");
                codes.put(Integer.toString(USAGE), "Usage error (e.g. an invalid --key-id).");
                codes.put(Integer.toString(DATA), "The plugin is invalid, or the key is no Ed25519 private key.");
                codes.put(Integer.toString(NO_INPUT), "The plugin directory or key file does not exist.");
            }
            case "verify" -> {
                codes.put("0", "Module and manifest match plugin.sig, whose signatures verify with the key.");
                codes.put(Integer.toString(VERIFY_FAILED), "Verification failed: unsigned, changed bytes or "
                        + "manifest, a signature of another key, or an invalid plugin (the reasons on stderr).");
                codes.put(Integer.toString(USAGE), "Usage error.");
                codes.put(Integer.toString(DATA), "The public key is no Ed25519 public key.");
                codes.put(Integer.toString(NO_INPUT), "The plugin directory or key file does not exist.");
            }
            case "registry build" -> {
                codes.put("0", "The registry was written.");
                codes.put(Integer.toString(USAGE), "Usage error.");
                codes.put(Integer.toString(DATA), "A plugin is invalid, unsigned or does not match its signature "
                        + "(nothing written), or there are no plugins.");
                codes.put(Integer.toString(NO_INPUT), "DIR or the public key does not exist.");
            }
            case "results export" -> {
                codes.put("0", "The OSCAL document was written.");
                codes.put(Integer.toString(USAGE), "Usage error.");
                codes.put(Integer.toString(DATA), "The store holds no results.");
                codes.put(Integer.toString(NO_INPUT), "The directory is not a result store.");
                codes.put(Integer.toString(UNAVAILABLE), "The store cannot be opened, e.g. the running runtime "
                        + "has it open (stop it first).");
            }
            default -> throw new IllegalArgumentException(command);
        }
        codes.put(Integer.toString(INTERNAL), "Internal error.");
        return codes;
    }

    private static void common(Map<String, String> codes) {
        codes.put(Integer.toString(USAGE), "Usage error: an unknown option, a missing or malformed argument.");
        codes.put(Integer.toString(DATA), "Invalid data: not a WebAssembly module the engine accepts, an invalid "
                + "plugin manifest, a configuration or target file that is not valid.");
        codes.put(Integer.toString(NO_INPUT), "An input file does not exist or cannot be read.");
        codes.put(Integer.toString(UNAVAILABLE), "The engine is not available here.");
        codes.put(Integer.toString(INTERNAL), "Internal error.");
    }
}
