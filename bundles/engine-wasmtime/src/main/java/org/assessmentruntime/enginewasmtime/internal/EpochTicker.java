package org.assessmentruntime.enginewasmtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.kawamuray.wasmtime.Engine;

/**
 * Advances the engine's epoch while runs are in progress. Modules are compiled with epoch
 * interruption, and each store gets a deadline in ticks, so a guest that spins in its own code traps
 * at its timeout, to within one tick, at the cost of a counter check on loop back-edges.
 */
final class EpochTicker implements AutoCloseable {

    private final Engine engine;
    private final long tickNanos;
    private final ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> ticking;
    private int runs;

    /**
     * @param engine a handle of the engine used only here: wasmtime-java locks each handle while it
     *               is in use, and compiling a module holds the compiling handle for a long time
     * @param tick   the epoch's period
     */
    EpochTicker(Engine engine, Duration tick) {
        this.engine = engine;
        this.tickNanos = tick.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wasmtime-epoch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The deadline, in ticks from now, that is never earlier than {@code timeout}. */
    long ticks(Duration timeout) {
        long nanos = timeout.toNanos();
        // The next tick may come at once, so one tick more.
        return nanos / tickNanos + (nanos % tickNanos == 0 ? 0 : 1) + 1;
    }

    /** Ticks from now until the matching {@link #runEnded()}. */
    synchronized void runStarted() {
        if (runs++ == 0) {
            ticking = timer.scheduleAtFixedRate(engine::incrementEpoch, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        }
    }

    synchronized void runEnded() {
        if (--runs == 0) {
            ticking.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.dispose();
    }
}
