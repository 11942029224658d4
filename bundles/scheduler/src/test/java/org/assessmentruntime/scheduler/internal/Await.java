package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for something that happens on another thread; generous bounds, early exit. */
final class Await {

    /** Long enough for a busy two-core build machine; a passing test returns as soon as it can. */
    static final Duration LONG = Duration.ofSeconds(10);

    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> what) {
        until(LONG, condition, what);
    }

    static void until(Duration max, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + max + " waiting for: " + what.get());
            }
            sleep(10);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
