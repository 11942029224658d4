package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A log line of a run, from the plugin's output or its stderr, or from the runtime about the run.
 * Kept with the result so that an ERROR can be understood from the result alone.
 *
 * @param level   severity
 * @param message the line
 * @param time    when it was logged; {@code null} if not known
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LogEntry(Level level, String message, Instant time) {

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

    /** Validates; a missing level is {@link Level#INFO}. */
    public LogEntry {
        level = level == null ? Level.INFO : level;
        Check.required(message, "LogEntry.message");
    }
}
