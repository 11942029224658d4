package org.assessmentruntime.itests.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition instead of sleeping: a test goes on as soon as what it needs is true. */
public final class Conditions {

    private static final Duration POLL = Duration.ofMillis(250);

    private Conditions() {
    }

    /**
     * Polls {@code condition} every 250 ms until it holds.
     *
     * @param what what was awaited, for the failure message
     * @throws AssertionError when it does not hold within {@code timeout}, naming {@code what}
     */
    public static void awaitUntil(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        awaitUntil(condition, timeout, () -> what);
    }

    /**
     * Polls {@code condition} every 250 ms until it holds.
     *
     * @param what what was awaited, asked only when the wait fails
     * @throws AssertionError when it does not hold within {@code timeout}, naming {@code what}
     */
    public static void awaitUntil(BooleanSupplier condition, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
