package org.assessmentruntime.enginewasmtime.internal;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.FailureKind;

import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.WasmFunctionError;

/**
 * Maps how a guest's entry point ended to an outcome. A broken limit wins over what the guest did next
 * (a flooding writer that then traps is an OUTPUT_LIMIT). A {@code memory.grow} the cap refused ends the
 * run with a trap that {@link GrowGuard} records: a MEMORY_LIMIT. So is a failure with the memory at its
 * cap: a module whose memory stands at the cap and that then traps or exits non-zero almost certainly
 * ran out of it.
 */
final class Verdict {

    private final GuestIo io;
    private final HostAbort abort;
    private final long start;
    private final String timeoutMessage;
    private final long capBytes;

    /**
     * @param capBytes the run's memory cap, in whole pages
     */
    Verdict(GuestIo io, HostAbort abort, long start, String timeoutMessage, long capBytes) {
        this.capBytes = capBytes;
        this.io = io;
        this.abort = abort;
        this.start = start;
        this.timeoutMessage = timeoutMessage;
    }

    /**
     * @param error       what the entry point threw; {@code null} when it returned
     * @param memoryAtCap whether the memory stands at the run's cap, which is below the module's own maximum
     * @param refusedGrow the memory size in bytes that a refused grow asked for; 0 if none was refused
     */
    ExecutionOutcome of(RuntimeException error, BooleanSupplier memoryAtCap, LongSupplier refusedGrow) {
        if (io.stdout().truncated() || abort.kind() != null) {
            FailureKind kind = io.stdout().truncated() ? FailureKind.OUTPUT_LIMIT : abort.kind();
            return Outcomes.failure(kind, 0, abort.message(), io, start);
        }
        if (error instanceof WasmFunctionError.TrapError trap && trap.trap() == Trap.INTERRUPT) {
            return Outcomes.failure(FailureKind.TIMEOUT, 0, timeoutMessage, io, start);
        }
        int exitCode = error instanceof WasmFunctionError.I32ExitError exit ? exit.exitCode() : 0;
        if (error == null || error instanceof WasmFunctionError.I32ExitError && exitCode == 0) {
            return Outcomes.success(io, start);
        }
        long refused = refusedGrow.getAsLong();
        if (refused > 0) {
            return Outcomes.failure(FailureKind.MEMORY_LIMIT, 0, "the module tried to grow its memory to "
                    + Outcomes.bytes(refused) + ", more than its limit of " + Outcomes.bytes(capBytes)
                    + "; the run was stopped", io, start);
        }
        String what = describe(error, exitCode);
        if (memoryAtCap.getAsBoolean()) {
            return Outcomes.failure(FailureKind.MEMORY_LIMIT, 0,
                    "the module's memory reached its limit, and then it " + what, io, start);
        }
        if (error instanceof WasmFunctionError.I32ExitError && exitCode != ExecutionOutcome.NO_EXIT_CODE) {
            return Outcomes.failure(FailureKind.EXIT_CODE, exitCode, "the module " + what, io, start);
        }
        return Outcomes.failure(FailureKind.TRAP, 0, "the module " + what, io, start);
    }

    private static String describe(RuntimeException error, int exitCode) {
        if (error instanceof WasmFunctionError.I32ExitError) {
            return "exited with code " + Integer.toUnsignedString(exitCode);
        }
        if (error instanceof WasmFunctionError.TrapError trap) {
            return "trapped: " + trap.trap().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return "failed: " + error.getMessage();
    }
}
