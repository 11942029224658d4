package org.assessmentruntime.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Karaf's {@code data/log/karaf.log}.
 *
 * <p>Karaf 4.4's {@code etc/org.ops4j.pax.logging.cfg} writes the file with
 * {@code log4j2.pattern = %d{ISO8601} | %-5p | %-16t | %-32c{1} | %X{bundle.id} - ... | %m%n}, so an
 * entry starts like {@code 2026-11-25T16:37:54,548 | ERROR | thread | Logger | 19 - bsn - 1.0 | msg}:
 * the level is the second {@code |}-separated column, padded to five characters. Lines that do not
 * start with a timestamp (stack traces, multi-line messages) belong to the entry above them, and are
 * returned with it so a failure shows the whole exception.
 */
public final class KarafLog {

    /** Timestamp column, then the level column; group 1 is the level. */
    private static final Pattern ENTRY_START =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}[,.]\\d+ \\| (\\w+)\\s*\\|");

    private final Path file;

    /** A reader of the given log file (which may not exist yet). */
    public KarafLog(Path file) {
        this.file = file;
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /**
     * Entries logged at one of the given levels, each with its continuation lines joined by
     * {@code \n}; empty when the file does not exist.
     */
    public List<String> entries(String... levels) {
        return entries(lines(), Set.of(levels));
    }

    /** Entries at {@code ERROR} or {@code FATAL}: what {@code BootIT} requires to be absent. */
    public List<String> errors() {
        return entries("ERROR", "FATAL");
    }

    /** The last {@code n} lines of the file, joined by {@code \n}; empty when it does not exist. */
    public String tail(int n) {
        return tail(file, n);
    }

    /** All lines, empty when the file does not exist. */
    public List<String> lines() {
        return readLines(file);
    }

    static List<String> entries(List<String> lines, Set<String> levels) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            Matcher m = ENTRY_START.matcher(line);
            if (m.find()) {
                if (current != null) {
                    out.add(current.toString());
                }
                current = levels.contains(m.group(1)) ? new StringBuilder(line) : null;
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    /** The last {@code n} lines of any text file; empty when it does not exist. */
    public static String tail(Path file, int n) {
        List<String> lines = readLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static List<String> readLines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            // Logs may hold bytes that are not UTF-8 (e.g. a process writing its platform charset);
            // ISO-8859-1 never fails to decode.
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
