package org.assessmentruntime.jobrunner.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.LogEntry.Level;

/**
 * A plugin's stderr as log entries (ABI v1, section 5): one entry per line; a line starting with
 * {@code DEBUG: }, {@code INFO: }, {@code WARN: } or {@code ERROR: } gets that level with the prefix
 * removed, any other line is {@code WARN}. Invalid UTF-8 is replaced, not rejected: stderr is
 * diagnostics.
 */
public final class StderrLogs {

    private static final Level[] PREFIXED = { Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR };

    private StderrLogs() {
    }

    /**
     * Splits stderr into log entries.
     *
     * @param stderr    the bytes the plugin wrote, up to its limit
     * @param truncated whether the executor dropped the rest; adds a {@code WARN} entry saying so
     * @param limit     the stderr limit, for that entry
     * @param time      the time of the truncation entry (the end of the run); the lines' own entries
     *                  carry no time, since stderr does not say when a line was written
     * @return the entries, in order
     */
    public static List<LogEntry> parse(byte[] stderr, boolean truncated, long limit, Instant time) {
        List<LogEntry> entries = new ArrayList<>();
        // new String replaces malformed UTF-8 rather than rejecting it.
        String text = new String(stderr, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            // A final newline ends the last line; it does not start an empty one.
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            for (String line : body.split("\n", -1)) {
                entries.add(entry(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
            }
        }
        if (truncated) {
            entries.add(new LogEntry(Level.WARN, "stderr was truncated: the plugin wrote more than its limit of "
                    + limit + " bytes; the rest was dropped", time));
        }
        return entries;
    }

    static LogEntry entry(String line) {
        for (Level level : PREFIXED) {
            String prefix = level.name() + ":";
            if (line.equals(prefix)) {
                return new LogEntry(level, "", null);
            }
            if (line.startsWith(prefix + " ")) {
                return new LogEntry(level, line.substring(prefix.length() + 1), null);
            }
        }
        return new LogEntry(Level.WARN, line, null);
    }
}
