package org.assessmentruntime.itests.harness;

import java.time.Duration;

/**
 * How a Karaf process ended.
 *
 * @param clean    the process (and the JVM under it) exited by itself after {@code bin/stop} (or
 *                 the SSH fallback), within the bound, with exit code 0
 * @param exitCode the launcher script's exit code (it passes on the JVM's), {@code null} if unknown
 * @param duration from starting {@code bin/stop} to the process being gone
 * @param how      what it took, e.g. {@code "bin/stop"} or {@code "bin/stop, then SIGTERM"}
 */
public record StopResult(boolean clean, Integer exitCode, Duration duration, String how) {

    @Override
    public String toString() {
        return (clean ? "clean" : "NOT clean") + " stop: exit code " + exitCode + " after "
                + duration.toMillis() + " ms via " + how;
    }
}
