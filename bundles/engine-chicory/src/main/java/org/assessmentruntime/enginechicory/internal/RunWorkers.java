package org.assessmentruntime.enginechicory.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.model.ExecutionOutcome;

/**
 * The threads guests run on, and the wall-clock timeout. Each run gets a worker thread of its own, so
 * that the interrupt that stops a guest never reaches the caller's thread, and a guest's recursion
 * depth does not depend on how deep the caller's stack already is.
 */
final class RunWorkers implements AutoCloseable {

    /**
     * Stack of a worker thread. Compiled guest calls are JVM calls; this allows deep but finite guest
     * recursion (parsers, tree walks), and unbounded recursion still overflows in milliseconds.
     */
    static final long STACK_BYTES = 16L << 20;

    /** How long a stopped guest has to notice the interrupt before its thread is given up on. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final AtomicInteger threads = new AtomicInteger();
    // Unbounded and without a queue: the executor above bounds concurrency; idle threads die after 30 s.
    private final ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), this::newThread);

    /** Runs a guest and waits at most its timeout (then the grace) for its outcome. */
    ExecutionOutcome run(GuestRun run) {
        Future<ExecutionOutcome> future;
        try {
            future = pool.submit(run);
        } catch (RejectedExecutionException e) {
            return run.internalFailure("the Chicory engine is stopped");
        }
        try {
            return future.get(nanos(run.timeout()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            run.stop();
            return awaitStopped(run, future);
        } catch (InterruptedException e) {
            run.stop();
            Thread.currentThread().interrupt();
            return run.internalFailure("the thread waiting for the run was interrupted");
        } catch (ExecutionException e) {
            // GuestRun turns every failure into an outcome; this is a bug of the engine.
            return run.internalFailure("the engine failed: " + e.getCause());
        }
    }

    private static ExecutionOutcome awaitStopped(GuestRun run, Future<ExecutionOutcome> future) {
        try {
            return future.get(GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The guest sits in a host call that ignores interrupts. Its thread is abandoned (it ends when
            // that call returns); the caller gets its answer now.
            return run.unresponsive(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.unresponsive(GRACE);
        } catch (ExecutionException e) {
            return run.internalFailure("the engine failed: " + e.getCause());
        }
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(null, task, "chicory-run-" + threads.incrementAndGet(), STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    }

    /** Interrupts running guests and lets their threads end. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
