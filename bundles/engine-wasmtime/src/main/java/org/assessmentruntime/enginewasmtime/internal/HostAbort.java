package org.assessmentruntime.enginewasmtime.internal;

import org.assessmentruntime.api.model.FailureKind;

/**
 * Why the host ended a run from inside a host function. A host function ends a run by throwing, but
 * wasmtime-java passes only the exception's message through the guest's frames, so the reason is kept
 * here and read after the guest returned. The first reason wins.
 */
final class HostAbort {

    private FailureKind kind;
    private String message;

    /**
     * Records the reason and returns what the host function throws.
     *
     * @param failure why the run ends
     * @param text    the outcome's message
     * @return an exception for the host function to throw
     */
    synchronized RuntimeException raise(FailureKind failure, String text) {
        if (kind == null) {
            kind = failure;
            message = text;
        }
        return new IllegalStateException(text);
    }

    synchronized FailureKind kind() {
        return kind;
    }

    synchronized String message() {
        return message;
    }
}
