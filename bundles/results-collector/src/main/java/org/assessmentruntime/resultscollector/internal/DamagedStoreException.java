package org.assessmentruntime.resultscollector.internal;

import java.nio.file.Path;

import org.assessmentruntime.api.AssessmentException;

/**
 * The store's file exists but cannot be opened as a store: its header or chunks are corrupt, or it is
 * not a store at all. Not thrown when it is locked by another process, not readable by this one, or of
 * another layout version: those are for an operator to resolve, and moving the file aside would not.
 */
final class DamagedStoreException extends AssessmentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    DamagedStoreException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The damaged file. */
    Path file() {
        return file;
    }
}
