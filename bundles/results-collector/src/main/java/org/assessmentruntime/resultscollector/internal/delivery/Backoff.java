package org.assessmentruntime.resultscollector.internal.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * How long delivery waits after a failure: exponential with full jitter (a random wait between zero and
 * base * 2^(failures - 1), capped), so that many runtimes coming back after an outage do not all hit the
 * control plane at the same moment; at least what the server asked for with {@code Retry-After}, but never
 * more than the cap, so that a bad header cannot stall delivery for days. Not thread-safe: delivery rounds
 * run one at a time.
 */
final class Backoff {

    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /**
     * The wait after one more failure.
     *
     * @param retryAfter what the server asked for; null when it did not
     */
    Duration next(Duration retryAfter) {
        failures = Math.min(failures + 1, 62);
        long ceiling = base.toMillis() << Math.min(failures - 1, 30);
        long cap = Math.min(max.toMillis(), ceiling);
        long wait = random.nextLong(cap + 1);
        if (retryAfter != null) {
            wait = Math.max(wait, retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.min(wait, max.toMillis()));
    }

    /** After a success. */
    void reset() {
        failures = 0;
    }

    /**
     * A {@code Retry-After} header: seconds, or an HTTP date.
     *
     * @return the wait it asks for; null when absent or not understood
     */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            // Not seconds: an HTTP date, then.
        }
        try {
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
