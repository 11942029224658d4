package org.assessmentruntime.enginechicory.internal;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;

/**
 * One run of a compiled module, executed on a worker thread: a fresh instance in its own sandbox,
 * {@code _start} called, and the way it ended turned into an {@link ExecutionOutcome}. The caller's
 * thread may {@link #stop()} it.
 */
final class GuestRun implements Callable<ExecutionOutcome> {

    private static final String START = "_start";

    private final ChicoryModule.Compiled compiled;
    private final ExecutionRequest request;
    private final HostLimits hostLimits;
    private final StopSignal signal = new StopSignal();
    private final long requestedAt = System.nanoTime();

    GuestRun(ChicoryModule.Compiled compiled, ExecutionRequest request, HostLimits hostLimits) {
        this.compiled = compiled;
        this.request = request;
        this.hostLimits = hostLimits;
    }

    Duration timeout() {
        return request.limits().timeout();
    }

    @Override
    public ExecutionOutcome call() {
        if (!signal.enter()) {
            return Outcomes.timeout(elapsed(), request.limits());
        }
        CappedOutput stdout = CappedOutput.stdout(request.limits().maxStdoutBytes());
        CappedOutput stderr = CappedOutput.stderr(request.limits().maxStderrBytes());
        Integer exitCode = null;
        Throwable failure = null;
        boolean stopped;
        try (WasiSandbox sandbox = WasiSandbox.open(request, hostLimits, stdout, stderr)) {
            exitCode = start(sandbox);
        } catch (Throwable e) {
            // Everything the guest can cause lands here, StackOverflowError included; the classification
            // below decides what it means. Nothing escapes to the worker thread.
            failure = e;
        } finally {
            stopped = signal.leave();
        }
        return Outcomes.classify(new Outcomes.Ending(exitCode, failure, stopped), stdout, stderr, elapsed(),
                request.limits());
    }

    /** Instantiates the module and runs _start; returns the exit code. */
    private int start(WasiSandbox sandbox) {
        Instance instance = Instance.builder(compiled.module())
                .withMachineFactory(compiled.machines())
                .withImportValues(sandbox.imports())
                .withMemoryFactory(MemoryCap.of(request.limits().maxMemoryBytes()).factory())
                .withTableFactory(CappedTable.factory())
                .withStart(false)
                .build();
        try {
            instance.export(START).apply();
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }

    /** Stops the run, from the caller's thread. */
    void stop() {
        signal.stop();
    }

    /** The outcome when the guest did not stop within the grace after its timeout. */
    ExecutionOutcome unresponsive(Duration grace) {
        return Outcomes.unresponsive(elapsed(), request.limits(), grace);
    }

    /** The outcome when the engine itself failed the run. */
    ExecutionOutcome internalFailure(String message) {
        return Outcomes.internal(message, elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - requestedAt);
    }
}
