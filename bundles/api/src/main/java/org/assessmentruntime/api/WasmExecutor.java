package org.assessmentruntime.api;

import java.util.Set;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs WebAssembly modules in a WASI sandbox with hard limits, on one of the available
 * {@link WasmEngine}s, caching compiled modules by digest.
 *
 * <p>Thread-safe; runs proceed concurrently.
 */
@ProviderType
public interface WasmExecutor {

    /**
     * Runs a module. Compiles it first unless a module with the request's digest is already prepared;
     * then the bytes must match the digest.
     *
     * @param request what to run and how
     * @return how the run ended; never throws for a failure of the module, its limits, its bytes or
     *         a missing engine: those are {@link ExecutionOutcome#failure()} values
     */
    ExecutionOutcome execute(ExecutionRequest request);

    /**
     * Compiles a module ahead of its first run, so that an invalid module is refused when it is
     * installed rather than when it is due, and the first run is not slowed by compilation.
     * Idempotent.
     *
     * @param digest the module's digest
     * @param module the module's bytes
     * @param engine the engine to prepare it for; empty for the default
     * @throws PluginVerificationException if the bytes do not match the digest
     * @throws NotFoundException           if the engine is not available
     * @throws AssessmentException         if the engine cannot compile the module
     */
    void prepare(Digest digest, byte[] module, String engine) throws AssessmentException;

    /**
     * Drops a module's compiled forms from every engine, e.g. after the plugin was removed. Runs in
     * progress finish first. Does nothing for a digest that is not prepared.
     *
     * @param digest the module's digest
     */
    void evict(Digest digest);

    /** Names of the engines available now; changes as engine bundles come and go. */
    Set<String> engines();

    /** The engine used when a request names none; empty when no engine is available. */
    String defaultEngine();
}
