package org.assessmentruntime.pluginmanager.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin manager's background thread: the first pass over the local directories and the compiling
 * of installed modules run here, so that the component's activation (and the boot it is part of) does
 * not wait for them. Callers that must see the local directories' plugins wait for the first pass.
 */
final class Background {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    /**
     * How long a caller waits for the first pass over the local directories. It takes seconds at worst;
     * should it hang (a local directory on a dead network mount), callers go on with what is stored.
     */
    static final long INITIAL_PASS_WAIT_SECONDS = 120;

    /** Runs the passes one at a time, in order (a single thread, or the calling thread). */
    private final Executor executor;
    /** Completes when the first pass over the local directories is over, successful or not. */
    private final CompletableFuture<Void> initialPass = new CompletableFuture<>();
    private volatile boolean stopped;

    Background(Executor executor) {
        this.executor = executor;
    }

    /** Runs the first pass over the local directories; {@link #awaitInitialPass} waits for it. */
    void startInitialPass(Runnable pass) {
        run("installing the plugins of the local directories", () -> {
            try {
                pass.run();
            } finally {
                initialPass.complete(null);
            }
        });
    }

    void run(String what, Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                // Logged here: nobody waits on the task to see it (e.g. an engine's native library that
                // does not load).
                if (!stopped) {
                    LOG.error("Plugin manager: failed {}: {}", what, e.toString(), e);
                }
            }
        });
    }

    /**
     * Waits for the first pass over the local directories, so that no plugin they hold is missing from
     * what a caller sees. Called outside the manager's lock on changes, which that pass holds.
     *
     * @param onTimeout logs what the caller goes on with when the pass is still under way
     */
    void awaitInitialPass(Runnable onTimeout) {
        if (initialPass.isDone()) {
            return;
        }
        try {
            initialPass.get(INITIAL_PASS_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            onTimeout.run();
        } catch (ExecutionException e) {
            // Never: it is always completed normally.
        }
    }

    boolean initialPassDone() {
        return initialPass.isDone();
    }

    /** Stops the passes; what they had still to compile compiles at its first run. */
    void stop() {
        stopped = true;
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    boolean stopped() {
        return stopped;
    }
}
