package org.assessmentruntime.enginechicory.internal;

import java.io.IOException;
import java.time.Duration;

import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UnlinkableException;

/** Turns the way a run ended into an {@link ExecutionOutcome} with the right {@link FailureKind}. */
final class Outcomes {

    // Chicory's compiled code turns a StackOverflowError into a ChicoryException with this message.
    private static final String STACK_EXHAUSTED = "call stack exhausted";

    private Outcomes() {
    }

    /**
     * How the guest's run ended.
     *
     * @param exitCode its exit code, if it exited
     * @param failure  what was thrown instead, if it did not
     * @param stopped  whether the timeout stopped it
     */
    record Ending(Integer exitCode, Throwable failure, boolean stopped) {
    }

    static ExecutionOutcome classify(Ending ending, CappedOutput stdout, CappedOutput stderr, Duration duration,
            ResourceLimits limits) {
        Result result = result(ending, stdout, limits);
        return new ExecutionOutcome(result.exitCode(), stdout.toByteArray(), stdout.truncated(), stderr.toByteArray(),
                stderr.truncated(), duration, ChicoryEngine.NAME, result.kind(), result.message());
    }

    static ExecutionOutcome timeout(Duration duration, ResourceLimits limits) {
        return failure(FailureKind.TIMEOUT, timeoutMessage(limits), duration);
    }

    /** The guest passed its timeout and then ignored the interrupt for {@code grace}. */
    static ExecutionOutcome unresponsive(Duration duration, ResourceLimits limits, Duration grace) {
        return failure(FailureKind.TIMEOUT, "ran past the timeout of " + limits.timeout().toMillis()
                + " ms and did not stop within " + grace.toMillis() + " ms of being interrupted; its thread was"
                + " abandoned", duration);
    }

    static ExecutionOutcome internal(String message, Duration duration) {
        return failure(FailureKind.INTERNAL, message, duration);
    }

    private static ExecutionOutcome failure(FailureKind kind, String message, Duration duration) {
        return new ExecutionOutcome(ExecutionOutcome.NO_EXIT_CODE, null, false, null, false, duration,
                ChicoryEngine.NAME, kind, message);
    }

    private record Result(int exitCode, FailureKind kind, String message) {

        static Result failed(FailureKind kind, String message) {
            return new Result(ExecutionOutcome.NO_EXIT_CODE, kind, message);
        }
    }

    private static Result result(Ending ending, CappedOutput stdout, ResourceLimits limits) {
        // Order matters: a limit explains whatever the guest or Chicory made of it afterwards.
        if (stdout.truncated()) {
            return Result.failed(FailureKind.OUTPUT_LIMIT, "wrote more than " + limits.maxStdoutBytes()
                    + " bytes to stdout");
        }
        if (ending.stopped()) {
            return Result.failed(FailureKind.TIMEOUT, timeoutMessage(limits));
        }
        Throwable failure = ending.failure();
        LimitExceeded limit = find(failure, LimitExceeded.class);
        if (limit != null) {
            return Result.failed(limit.kind(), limit.getMessage());
        }
        if (failure == null) {
            return exited(ending.exitCode());
        }
        if (find(failure, StackOverflowError.class) != null || STACK_EXHAUSTED.equals(failure.getMessage())) {
            return Result.failed(FailureKind.TRAP, "trapped: call stack exhausted (unbounded recursion?)");
        }
        if (failure instanceof UnlinkableException) {
            return Result.failed(FailureKind.INVALID_MODULE, "the module cannot be linked: " + failure.getMessage());
        }
        if (failure instanceof ChicoryInterruptedException) {
            return Result.failed(FailureKind.INTERNAL, "interrupted: the Chicory engine is stopping");
        }
        if (failure instanceof ChicoryException) {
            return Result.failed(FailureKind.TRAP, "trapped: " + failure.getMessage());
        }
        if (failure instanceof IOException) {
            // Only the sandbox's setup does I/O that can fail the run; the guest's own I/O yields errnos.
            return Result.failed(FailureKind.INTERNAL, "cannot open a granted directory: " + failure);
        }
        if (failure instanceof OutOfMemoryError) {
            return Result.failed(FailureKind.INTERNAL, "the JVM ran out of heap memory during the run");
        }
        return Result.failed(FailureKind.INTERNAL, "the Chicory engine failed: " + failure);
    }

    private static Result exited(int code) {
        if (code == 0) {
            return new Result(0, null, "");
        }
        // proc_exit takes an unsigned code; -1 would read as "never exited", so report it as a shell would.
        int reported = code == ExecutionOutcome.NO_EXIT_CODE ? 255 : code;
        return new Result(reported, FailureKind.EXIT_CODE, "exited with code " + Integer.toUnsignedString(code));
    }

    private static String timeoutMessage(ResourceLimits limits) {
        return "stopped after the timeout of " + limits.timeout().toMillis() + " ms";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
