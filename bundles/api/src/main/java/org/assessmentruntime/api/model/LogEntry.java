package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A log line of a run, from the plugin's output or its stderr, or from the runtime about the run.
 * Kept with the result so that an ERROR can be understood from the result alone.
 *
 * @param level   severity
 * @param message the line; may be empty (a blank line). Always written, even when empty, and read as
 *                empty when absent: earlier runtimes left an empty message out, and a record they
 *                stored must stay readable
 * @param time    when it was logged; {@code null} if not known
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LogEntry(Level level, @JsonInclude(JsonInclude.Include.ALWAYS) String message, Instant time) {

    /** Severities. */
    public enum Level {
        /** Detail for plugin authors. */
        DEBUG,
        /** Normal progress. */
        INFO,
        /** Something looks wrong but the assessment went on. */
        WARN,
        /** Something failed. */
        ERROR
    }

    /** Normalises: a missing level is {@link Level#INFO}, a missing message empty. */
    public LogEntry {
        level = level == null ? Level.INFO : level;
        // Not required: the class-wide NON_EMPTY once dropped "" on write, and a stored result must never
        // become unreadable (and with it every query of the store) because of a blank stderr line.
        message = Check.optional(message);
    }
}
