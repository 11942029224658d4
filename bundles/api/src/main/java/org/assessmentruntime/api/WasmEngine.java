package org.assessmentruntime.api;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One WebAssembly engine (Chicory, wasmtime, …), used only by the {@link WasmExecutor}. Each engine is
 * its own bundle and registers this service with the property {@value #SERVICE_PROPERTY} set to its
 * {@link #name()}, so that an engine with native code can be left out of a platform it does not
 * support without touching the rest.
 *
 * <p>Implementations are thread-safe: the executor compiles and runs modules from many threads, and
 * runs one prepared module concurrently.
 */
@ProviderType
public interface WasmEngine {

    /** Service property carrying the engine's name. */
    String SERVICE_PROPERTY = "engine";

    /** The engine's name, e.g. {@code chicory}; lower case, matching the service property. */
    String name();

    /**
     * Validates and compiles a module, so that runs skip that work.
     *
     * @param digest the module's digest, already checked against the bytes by the caller
     * @param module the module's bytes
     * @return the compiled module; the executor closes it when it evicts it
     * @throws AssessmentException if the bytes are not a module this engine can run (the executor
     *                             reports {@code INVALID_MODULE} with the message)
     */
    PreparedModule prepare(Digest digest, byte[] module) throws AssessmentException;

    /**
     * Runs a prepared module as a WASI command, enforcing every limit of the request and the host's
     * limits. Ignores the request's module bytes.
     *
     * @param module     a module this engine prepared and that is not closed
     * @param request    stdin, args, environment, directories and limits of the run
     * @param hostLimits what the run may take of the host, set by the operator for every run
     * @return how the run ended; never throws for anything the module does
     * @since 0.2
     */
    ExecutionOutcome run(PreparedModule module, ExecutionRequest request, HostLimits hostLimits);

    /**
     * Runs a prepared module with {@link HostLimits#DEFAULTS}.
     *
     * @param module  a module this engine prepared and that is not closed
     * @param request stdin, args, environment, directories and limits of the run
     * @return how the run ended; never throws for anything the module does
     */
    default ExecutionOutcome run(PreparedModule module, ExecutionRequest request) {
        return run(module, request, HostLimits.DEFAULTS);
    }

    /**
     * Host resources a run may hold, the same for every run: the operator sets them on the executor,
     * unlike the request's {@link org.assessmentruntime.api.model.ResourceLimits}, which a plugin's
     * manifest may ask for. A guest that reaches one gets the error WASI defines for it, not the end of
     * its run.
     *
     * @param maxOpenFiles files and directories the guest may hold open at once, besides stdin, stdout,
     *                     stderr and its granted directories; beyond it {@code path_open} fails with
     *                     {@code EMFILE}. From 1 to {@value #MAX_OPEN_FILES_CEILING}.
     * @since 0.2
     */
    record HostLimits(int maxOpenFiles) {

        /** The default {@link #maxOpenFiles()}: far more than a check needs, far fewer than a host has. */
        public static final int DEFAULT_MAX_OPEN_FILES = 128;
        /**
         * The highest {@link #maxOpenFiles()}: several runs at once must stay well inside the JVM's own
         * descriptor limit (often 4096 or 1024 under systemd).
         */
        public static final int MAX_OPEN_FILES_CEILING = 1024;
        /** {@value #DEFAULT_MAX_OPEN_FILES} open files. */
        public static final HostLimits DEFAULTS = new HostLimits(DEFAULT_MAX_OPEN_FILES);

        /** Validates. */
        public HostLimits {
            if (maxOpenFiles < 1 || maxOpenFiles > MAX_OPEN_FILES_CEILING) {
                throw new IllegalArgumentException("maxOpenFiles must be between 1 and " + MAX_OPEN_FILES_CEILING
                        + ", got " + maxOpenFiles);
            }
        }
    }

    /**
     * A compiled module, owned by the executor's cache. Engines holding native memory free it on
     * {@link #close()}.
     */
    @ProviderType
    interface PreparedModule extends AutoCloseable {

        /** The digest of the module's bytes. */
        Digest digest();

        /** Frees the engine's resources; the module cannot run afterwards. Idempotent. */
        @Override
        void close();
    }
}
