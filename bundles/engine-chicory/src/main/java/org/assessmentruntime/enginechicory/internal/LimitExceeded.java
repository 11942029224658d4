package org.assessmentruntime.enginechicory.internal;

import org.assessmentruntime.api.model.FailureKind;

/**
 * Thrown from inside a run (by {@link MemoryCap} or {@link CappedOutput}) to end it at once when a
 * guest goes past a limit. It unwinds the guest's stack like a trap; {@link Outcomes} finds it in the
 * cause chain and reports its kind.
 */
final class LimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    LimitExceeded(FailureKind kind, String message) {
        // No stack trace: this is an expected way for a run to end, not a bug to debug.
        super(message, null, false, false);
        this.kind = kind;
    }

    FailureKind kind() {
        return kind;
    }
}
