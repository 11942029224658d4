package org.assessmentruntime.shell.internal;

import java.time.Duration;

/** Short human-readable durations for tables ({@code 3d4h}, {@code 12m5s}, {@code 850ms}). */
final class Durations {

    private Durations() {
    }

    static String human(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "s";
    }
}
