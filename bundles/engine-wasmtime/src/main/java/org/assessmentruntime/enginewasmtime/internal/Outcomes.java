package org.assessmentruntime.enginewasmtime.internal;

import java.time.Duration;

import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.FailureKind;

/** Builds the {@link ExecutionOutcome}s of runs on this engine. */
final class Outcomes {

    private Outcomes() {
    }

    static ExecutionOutcome success(GuestIo io, long start) {
        return outcome(null, 0, "", io, start);
    }

    /**
     * @param exitCode the module's exit code for {@link FailureKind#EXIT_CODE}; otherwise ignored
     */
    static ExecutionOutcome failure(FailureKind kind, int exitCode, String message, GuestIo io, long start) {
        return outcome(kind, kind == FailureKind.EXIT_CODE ? exitCode : ExecutionOutcome.NO_EXIT_CODE, message, io,
                start);
    }

    private static ExecutionOutcome outcome(FailureKind kind, int exitCode, String message, GuestIo io, long start) {
        // Stdout is cut only by the limit, and the limit always ends the run, so the two agree.
        return new ExecutionOutcome(exitCode, io.stdout().toByteArray(), kind == FailureKind.OUTPUT_LIMIT,
                io.stderr().toByteArray(), io.stderr().truncated(), Duration.ofNanos(System.nanoTime() - start),
                WasmtimeEngine.NAME, kind, message);
    }

    /** {@code 2 s}, {@code 1500 ms}: durations as people write them. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** {@code 16 MiB}, {@code 1000 bytes}. */
    static String bytes(long count) {
        return count % (1 << 20) == 0 ? (count >> 20) + " MiB" : count + " bytes";
    }
}
