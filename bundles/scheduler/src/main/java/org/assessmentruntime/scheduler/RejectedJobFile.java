package org.assessmentruntime.scheduler;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A job file the scheduler did not accept, and why.
 *
 * @param file    the file
 * @param field   JSON path of the offending field, e.g. {@code $.tasks[0].schedule.cron}; {@code $} when
 *                the problem is the file as a whole (not JSON, empty, unreadable)
 * @param message what is wrong, for an operator
 */
public record RejectedJobFile(Path file, String field, String message) {

    /** The JSON path naming the whole document. */
    public static final String ROOT = "$";

    /** Validates. */
    public RejectedJobFile {
        Objects.requireNonNull(file, "file");
        field = field == null || field.isBlank() ? ROOT : field;
        Objects.requireNonNull(message, "message");
    }

    /** {@code file: field: message}, the line logged and shown to operators. */
    public String describe() {
        return file + ": " + field + ": " + message;
    }
}
