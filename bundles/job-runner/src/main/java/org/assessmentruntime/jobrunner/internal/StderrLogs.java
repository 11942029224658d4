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
 *
 * <p>A plugin decides what it writes, so the entries are bounded as well as the bytes: blank lines
 * (nothing but white space once the prefix is removed) say nothing and are dropped, a line is cut at
 * {@link #MAX_LINE_CHARS} characters, and past {@link #MAX_ENTRIES} entries the rest is dropped, with one
 * {@code WARN} entry saying how many. Otherwise a stderr of newlines alone made as many entries as bytes,
 * each of which every reader of the result had to carry.
 */
public final class StderrLogs {

    /** Most entries made of one run's stderr. */
    public static final int MAX_ENTRIES = 1000;

    /** Longest message of one entry, in characters; the rest of the line is dropped. */
    public static final int MAX_LINE_CHARS = 4096;

    private static final Level[] PREFIXED = { Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR };

    private StderrLogs() {
    }

    /**
     * Splits stderr into log entries.
     *
     * @param stderr    the bytes the plugin wrote, up to its limit
     * @param truncated whether the executor dropped the rest; adds a {@code WARN} entry saying so
     * @param limit     the stderr limit, for that entry
     * @param time      the time of the entries about stderr itself (the end of the run); the lines' own
     *                  entries carry no time, since stderr does not say when a line was written
     * @return the entries, in order
     */
    public static List<LogEntry> parse(byte[] stderr, boolean truncated, long limit, Instant time) {
        List<LogEntry> entries = new ArrayList<>();
        // new String replaces malformed UTF-8 rather than rejecting it.
        String text = new String(stderr, StandardCharsets.UTF_8);
        int dropped = 0;
        int cut = 0;
        for (String raw : text.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            LogEntry entry = entry(line);
            if (entry.message().isBlank()) {
                continue;
            }
            if (entries.size() == MAX_ENTRIES) {
                dropped++;
                continue;
            }
            if (entry.message().length() > MAX_LINE_CHARS) {
                cut++;
                entry = new LogEntry(entry.level(), cut(entry.message()), null);
            }
            entries.add(entry);
        }
        if (cut > 0) {
            entries.add(new LogEntry(Level.WARN, cut + " stderr line(s) were longer than " + MAX_LINE_CHARS
                    + " characters and were cut there (marked …)", time));
        }
        if (dropped > 0) {
            entries.add(new LogEntry(Level.WARN, dropped + " more stderr line(s) were dropped: at most " + MAX_ENTRIES
                    + " lines of a run are kept", time));
        }
        if (truncated) {
            entries.add(new LogEntry(Level.WARN, "stderr was truncated: the plugin wrote more than its limit of "
                    + limit + " bytes; the rest was dropped", time));
        }
        return entries;
    }

    /** The first {@link #MAX_LINE_CHARS} characters, never half a surrogate pair (JSON writers refuse one). */
    private static String cut(String message) {
        int end = Character.isHighSurrogate(message.charAt(MAX_LINE_CHARS - 1)) ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
        return message.substring(0, end) + "…";
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
