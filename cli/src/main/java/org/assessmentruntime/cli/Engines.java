package org.assessmentruntime.cli;

import java.io.IOException;
import java.util.List;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.enginechicory.ChicoryEngines;
import org.assessmentruntime.enginewasmtime.WasmtimeEngines;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Creates engines by name, only when a run needs one (wasmtime extracts a native library first). */
@FunctionalInterface
public interface Engines {

    /** The engine used when neither the command line nor the plugin names one. */
    String DEFAULT = "chicory";

    /** Engines this CLI knows. */
    List<String> KNOWN = List.of("chicory", "wasmtime");

    /** The engines of the runtime's own bundles. */
    Engines STANDARD = name -> switch (name) {
        case "chicory" -> ChicoryEngines.create();
        case "wasmtime" -> wasmtime();
        default -> throw new Unavailable(unknown(name));
    };

    /**
     * Checks an {@code --engine} option before anything is read, as every command's usage errors are.
     *
     * @param spec the command
     * @param name the option's value; {@code null} when it was not given
     * @throws ParameterException naming the unknown engine and the known ones
     */
    static void requireKnown(CommandSpec spec, String name) {
        if (name != null && !KNOWN.contains(name)) {
            throw new ParameterException(spec.commandLine(), "--engine: " + unknown(name));
        }
    }

    private static String unknown(String name) {
        return "unknown engine '" + name + "' (known: " + String.join(", ", KNOWN) + ")";
    }

    /**
     * Creates an engine; the caller closes it (if it is {@link AutoCloseable}) after its runs.
     *
     * @param name one of {@link #KNOWN}
     * @return the engine
     * @throws Unavailable if it cannot run here, saying why
     */
    WasmEngine create(String name) throws Unavailable;

    /** wasmtime, with its native library extracted once into ~/.cache/assessment-runtime/native. */
    private static WasmEngine wasmtime() throws Unavailable {
        try {
            return WasmtimeEngines.create();
        } catch (IOException e) {
            throw new Unavailable(e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: the native library does not load on this platform.
            throw new Unavailable(e.toString(), e);
        }
    }

    /** An engine that cannot run here. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message why */
        public Unavailable(String message) {
            super(message);
        }

        /**
         * @param message why
         * @param cause   the failure
         */
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
