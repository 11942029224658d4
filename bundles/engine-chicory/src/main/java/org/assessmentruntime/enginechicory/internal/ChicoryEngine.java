package org.assessmentruntime.enginechicory.internal;

import java.time.Duration;
import java.util.Objects;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The Chicory engine: pure Java, the runtime's default. {@link #prepare} parses and validates a module;
 * its first {@link #run} compiles it to JVM byte code, once (see {@link ChicoryModule} for why not
 * earlier); each run instantiates it afresh on a worker thread of its own, inside the confined WASI
 * sandbox ({@link WasiSandbox}) and the limits of its request.
 *
 * <p>Usable without OSGi as well (the CLI): construct it, and {@link #close()} it when done.
 */
@Component(service = WasmEngine.class, property = WasmEngine.SERVICE_PROPERTY + "=" + ChicoryEngine.NAME)
public final class ChicoryEngine implements WasmEngine, AutoCloseable {

    /** The engine's name, also its {@value WasmEngine#SERVICE_PROPERTY} service property. */
    public static final String NAME = "chicory";

    private final RunWorkers workers = new RunWorkers();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreparedModule prepare(Digest digest, byte[] module) throws AssessmentException {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(module, "module");
        return ModuleCompiler.prepare(digest, module);
    }

    @Override
    public ExecutionOutcome run(PreparedModule module, ExecutionRequest request, HostLimits hostLimits) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(hostLimits, "hostLimits");
        if (!(module instanceof ChicoryModule chicory)) {
            throw new IllegalArgumentException("not a module prepared by the " + NAME + " engine: " + module);
        }
        long start = System.nanoTime();
        ChicoryModule.Compiled compiled;
        try {
            // In the caller's thread, before the run starts: compiling does not count against the
            // run's timeout.
            compiled = chicory.compiled();
        } catch (AssessmentException e) {
            return Outcomes.internal(e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
        return workers.run(new GuestRun(compiled, request, hostLimits));
    }

    /** Stops the worker threads; runs still in progress end as INTERNAL failures. */
    @Deactivate
    @Override
    public void close() {
        workers.close();
    }
}
