package org.assessmentruntime.wasmexecutor.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;

/** An engine that "runs" a module by echoing stdin, counting what the executor asks of it. */
final class FakeEngine implements WasmEngine {

    final String name;
    final AtomicInteger prepares = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final List<Module> modules = new CopyOnWriteArrayList<>();
    volatile boolean rejectModules;
    volatile CountDownLatch runGate;
    volatile Duration prepareDelay = Duration.ZERO;
    /** What the last run was given. */
    volatile HostLimits hostLimits;

    FakeEngine(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PreparedModule prepare(Digest digest, byte[] module) throws AssessmentException {
        prepares.incrementAndGet();
        sleep(prepareDelay.toMillis());
        if (rejectModules) {
            throw new AssessmentException("not a WebAssembly module: bad magic");
        }
        Module prepared = new Module(digest);
        modules.add(prepared);
        return prepared;
    }

    @Override
    public ExecutionOutcome run(PreparedModule module, ExecutionRequest request, HostLimits hostLimits) {
        this.hostLimits = hostLimits;
        if (((Module) module).closed) {
            throw new IllegalStateException("run on a closed module");
        }
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            CountDownLatch gate = runGate;
            if (gate != null) {
                await(gate);
            }
            String echoed = new String(request.stdin(), StandardCharsets.UTF_8);
            return new ExecutionOutcome(0, echoed.getBytes(StandardCharsets.UTF_8), false, null, false,
                    Duration.ofMillis(1), name, null, "");
        } finally {
            running.decrementAndGet();
        }
    }

    private static void await(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Module implements PreparedModule {
        final Digest digest;
        volatile boolean closed;

        Module(Digest digest) {
            this.digest = digest;
        }

        @Override
        public Digest digest() {
            return digest;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
