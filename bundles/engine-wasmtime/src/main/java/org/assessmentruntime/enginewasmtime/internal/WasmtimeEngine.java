package org.assessmentruntime.enginewasmtime.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.Import;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.RewrittenModule;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.kawamuray.wasmtime.Module;

/**
 * The {@link WasmEngine} on wasmtime (native code through wasmtime-java): compiled modules run at near
 * native speed, for CPU-heavy plugins.
 *
 * <p>wasmtime-java 0.19 alone cannot cap memory, feed stdin, cap output or stop a sleeping guest; this
 * engine rewrites each module ({@link ModuleRewriter}) so that the host provides the memory and the
 * I/O calls, and enforces every limit itself: see {@link GuestRun}. Runs execute on the engine's own
 * threads (with large stacks for deep guest recursion); a caller waits at most the run's timeout plus
 * {@link #GRACE}, even if the guest is stuck in a host call that nothing can interrupt.
 *
 * <p>Outside OSGi, construct it with {@link #WasmtimeEngine(Path)} and {@link #close()} it.
 */
// Immediate: the platform check runs when the bundle starts, so that a platform without a native library
// never shows the executor an engine that cannot run. The library itself (18 MB, extracted and hashed on
// the first start of an installation) and wasmtime's engine load when the first module is prepared: most
// plugins run on Chicory, and the runtime's start should not wait for an engine nothing may use.
@Component(service = WasmEngine.class, immediate = true, configurationPid = WasmtimeEngine.PID,
        property = WasmEngine.SERVICE_PROPERTY + "=" + WasmtimeEngine.NAME)
@Designate(ocd = WasmtimeEngineConfig.class)
public final class WasmtimeEngine implements WasmEngine, AutoCloseable {

    /** The engine's name and service property value. */
    public static final String NAME = "wasmtime";
    /** Configuration PID. */
    public static final String PID = "org.assessmentruntime.engine.wasmtime";
    /** How long after a run's timeout its caller stops waiting for a guest stuck in a host call. */
    static final Duration GRACE = Duration.ofSeconds(1);
    /** Native stack of run threads: wasmtime lets a guest use 512 KiB, host calls need more on top. */
    private static final long RUN_THREAD_STACK = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(WasmtimeEngine.class);

    private final Path nativeLibraryDirectory;
    private final ExecutorService runThreads;
    // Guarded by this; host is created by the first prepare, and never after close.
    private volatile WasmtimeHost host;
    private volatile boolean closed;

    /**
     * DS constructor: the native library will be extracted into the configured directory or the
     * bundle's data area.
     *
     * @throws IOException if the bundle lacks the native library or its checksum
     */
    @Activate
    public WasmtimeEngine(BundleContext context, WasmtimeEngineConfig config) throws IOException {
        this(nativeDirectory(context, config));
    }

    /**
     * @param nativeLibraryDirectory where the native library is extracted once and loaded from, when the
     *                               first module is prepared
     * @throws IOException                   if the bundle lacks the native library or its checksum
     * @throws UnsupportedOperationException if this platform has no native library in the bundle
     */
    public WasmtimeEngine(Path nativeLibraryDirectory) throws IOException {
        NativeLibrary.checkAvailable();
        this.nativeLibraryDirectory = Objects.requireNonNull(nativeLibraryDirectory, "nativeLibraryDirectory");
        AtomicInteger count = new AtomicInteger();
        runThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(null, runnable, "wasmtime-run-" + count.incrementAndGet(), RUN_THREAD_STACK);
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("wasmtime engine available; its native library loads when the first module is prepared");
    }

    /** Whether the native library and wasmtime's engine are loaded (a module has been prepared). */
    boolean isStarted() {
        return host != null;
    }

    /** The native objects, created (the library loaded) by the first call. */
    private synchronized WasmtimeHost host() throws AssessmentException {
        if (closed) {
            throw new AssessmentException("the wasmtime engine is stopped");
        }
        if (host == null) {
            try {
                Path library = NativeLibrary.load(nativeLibraryDirectory);
                host = new WasmtimeHost();
                LOG.info("wasmtime engine started with the native library {}", library);
            } catch (IOException | RuntimeException | LinkageError e) {
                throw new AssessmentException("the wasmtime native library cannot be loaded: " + e, e);
            }
        }
        return host;
    }

    private static Path nativeDirectory(BundleContext context, WasmtimeEngineConfig config) throws IOException {
        if (!config.nativeLibraryDirectory().isBlank()) {
            return Path.of(config.nativeLibraryDirectory().trim());
        }
        File data = context.getDataFile("native");
        if (data == null) {
            throw new IOException("the framework gives this bundle no data area; configure nativeLibraryDirectory");
        }
        return data.toPath();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreparedModule prepare(Digest digest, byte[] module) throws AssessmentException {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(module, "module");
        WasmtimeHost host = host();
        RewrittenModule rewritten = ModuleRewriter.rewrite(module);
        for (Import imported : rewritten.imports()) {
            if (!imported.module().equals(ModuleRewriter.WASI_MODULE) || imported.kind() != ModuleRewriter.KIND_FUNC
                    || !host.wasiFunctions().contains(imported.name())) {
                throw new AssessmentException("the module imports " + imported.module() + "." + imported.name()
                        + ", which this engine does not provide; a plugin may import only WASI preview 1 functions ("
                        + ModuleRewriter.WASI_MODULE + ")");
            }
        }
        Module compiled;
        try {
            compiled = host.compile(rewritten.bytes());
        } catch (RuntimeException e) {
            throw new AssessmentException("not a valid WebAssembly module: " + e.getMessage(), e);
        }
        return new WasmtimeModule(digest, compiled, rewritten.memory(), rewritten.startFunction());
    }

    @Override
    public ExecutionOutcome run(PreparedModule module, ExecutionRequest request, HostLimits hostLimits) {
        Objects.requireNonNull(hostLimits, "hostLimits");
        long start = System.nanoTime();
        if (!(module instanceof WasmtimeModule prepared)) {
            throw new IllegalArgumentException(module + " was not prepared by the wasmtime engine");
        }
        WasmtimeHost current = host;
        if (current == null) {
            // Only this engine's prepare makes its modules, and it creates the host first.
            throw new IllegalArgumentException(module + " was not prepared by this wasmtime engine");
        }
        GuestRun run = new GuestRun(current, prepared, request, hostLimits, start);
        Future<ExecutionOutcome> future;
        try {
            future = runThreads.submit(run::call);
        } catch (RejectedExecutionException e) {
            return run.failed(FailureKind.ENGINE_UNAVAILABLE, "the wasmtime engine is stopped");
        }
        try {
            return future.get(request.limits().timeout().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("A run of {} is stuck in a host call past its timeout; its caller no longer waits", module);
            return run.abandoned();
        } catch (ExecutionException e) {
            LOG.error("A run of {} failed in the engine", module, e.getCause());
            return run.failed(FailureKind.INTERNAL, "the wasmtime engine failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return run.failed(FailureKind.INTERNAL, "the caller was interrupted; the run ends by its timeout at the latest");
        }
    }

    /**
     * Stops taking runs and frees the engine's native resources once the runs in progress have ended
     * (each ends by its timeout at the latest; sleeping guests are woken now).
     */
    @Deactivate
    @Override
    public void close() {
        WasmtimeHost host;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            host = this.host;
        }
        runThreads.shutdownNow();
        if (host == null) {
            return;
        }
        try {
            if (runThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                host.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("wasmtime runs are still going; the engine's native resources are freed when they end");
        Thread closer = new Thread(() -> {
            try {
                runThreads.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
                host.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wasmtime-close");
        closer.setDaemon(true);
        closer.start();
    }
}
