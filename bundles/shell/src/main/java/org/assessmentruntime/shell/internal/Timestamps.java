package org.assessmentruntime.shell.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How commands print instants: ISO-8601 in UTC, always with milliseconds ({@code 2025-01-31T06:00:00.000Z}).
 * {@link Instant#toString()} drops zero fractions and prints up to nanoseconds, so a column of times
 * would change width from row to row and two runs in the same second would look simultaneous.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /**
     * @param instant an instant, or null
     * @return it at millisecond precision in UTC; empty for null
     */
    static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
