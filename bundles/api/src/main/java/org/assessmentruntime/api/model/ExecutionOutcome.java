package org.assessmentruntime.api.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a run of a module ended. The executor always returns one, whatever went wrong: a failure is a
 * value here, not an exception, because a plugin that fails is an ordinary outcome of an assessment.
 *
 * <p>The byte arrays are copied on the way in and out; {@link #toString()} shows sizes, not contents.
 *
 * @param exitCode        the WASI exit code; {@link #NO_EXIT_CODE} when the module never exited
 *                        (trap, limit, not started)
 * @param stdout          what the module wrote to stdout, up to {@link ResourceLimits#maxStdoutBytes()}
 * @param stdoutTruncated whether stdout was cut at the limit (then {@code failure} is
 *                        {@link FailureKind#OUTPUT_LIMIT})
 * @param stderr          what the module wrote to stderr, up to {@link ResourceLimits#maxStderrBytes()}
 * @param stderrTruncated whether stderr was cut at the limit (not a failure)
 * @param duration        wall-clock time of the run
 * @param engine          the engine that ran it, or was asked to; empty when none was available
 * @param failure         why the run failed; {@code null} when the module exited 0
 * @param message         what happened, for people (trap message, limit hit, …); empty on success
 */
public record ExecutionOutcome(int exitCode, byte[] stdout, boolean stdoutTruncated, byte[] stderr,
        boolean stderrTruncated, Duration duration, String engine, FailureKind failure, String message) {

    /** {@link #exitCode()} of a module that did not exit by itself. */
    public static final int NO_EXIT_CODE = -1;

    /** Validates and copies; checks that the exit code and the failure agree. */
    public ExecutionOutcome {
        stdout = stdout == null ? new byte[0] : stdout.clone();
        stderr = stderr == null ? new byte[0] : stderr.clone();
        Check.required(duration, "ExecutionOutcome.duration");
        engine = Check.optional(engine);
        message = Check.optional(message);
        if (failure == null && exitCode != 0) {
            throw new IllegalArgumentException("ExecutionOutcome.failure is required when exitCode is " + exitCode);
        }
        if (failure == FailureKind.EXIT_CODE && (exitCode == 0 || exitCode == NO_EXIT_CODE)) {
            throw new IllegalArgumentException("ExecutionOutcome.exitCode must be a non-zero exit code for EXIT_CODE, got "
                    + exitCode);
        }
        if (failure == FailureKind.OUTPUT_LIMIT != stdoutTruncated) {
            throw new IllegalArgumentException(
                    "ExecutionOutcome.stdoutTruncated must be true exactly when failure is OUTPUT_LIMIT");
        }
    }

    /** Whether the module ran to completion and exited 0. */
    public boolean succeeded() {
        return failure == null;
    }

    /** A copy of stdout. */
    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /** A copy of stderr. */
    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** Compares the arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionOutcome r && exitCode == r.exitCode && Arrays.equals(stdout, r.stdout)
                && stdoutTruncated == r.stdoutTruncated && Arrays.equals(stderr, r.stderr)
                && stderrTruncated == r.stderrTruncated && duration.equals(r.duration) && engine.equals(r.engine)
                && failure == r.failure && message.equals(r.message);
    }

    /** Hashes the arrays by content. */
    @Override
    public int hashCode() {
        return Objects.hash(exitCode, Arrays.hashCode(stdout), stdoutTruncated, Arrays.hashCode(stderr),
                stderrTruncated, duration, engine, failure, message);
    }

    /** Sizes instead of bytes. */
    @Override
    public String toString() {
        return "ExecutionOutcome[exitCode=" + exitCode + ", stdout=" + stdout.length + " bytes"
                + (stdoutTruncated ? " (truncated)" : "") + ", stderr=" + stderr.length + " bytes"
                + (stderrTruncated ? " (truncated)" : "") + ", duration=" + duration + ", engine=" + engine
                + ", failure=" + failure + ", message=" + message + "]";
    }
}
