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
     * Runs a prepared module as a WASI command, enforcing every limit of the request. Ignores the
     * request's module bytes.
     *
     * @param module  a module this engine prepared and that is not closed
     * @param request stdin, args, environment, directories and limits of the run
     * @return how the run ended; never throws for anything the module does
     */
    ExecutionOutcome run(PreparedModule module, ExecutionRequest request);

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
