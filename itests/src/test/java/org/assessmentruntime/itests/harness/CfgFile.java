package org.assessmentruntime.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Edits Karaf {@code etc/*.cfg} and {@code etc/*.properties} files in place, line by line.
 *
 * <p>Why not {@link java.util.Properties}: storing would drop the comments and reorder the keys,
 * which makes the edited copy hard to compare with the distribution's when a test fails. Here a
 * key's existing, uncommented definition (including its {@code \}-continued lines) is replaced where
 * it stands, and a key that is not defined yet is appended. Files are read and written as
 * ISO-8859-1, which round-trips every byte, so lines this class does not touch stay identical.
 */
public final class CfgFile {

    private CfgFile() {
    }

    /**
     * Sets each key to its value.
     *
     * @param file   the file; created if missing
     * @param values raw keys (already escaped as they must appear in the file) to plain values
     */
    public static void set(Path file, Map<String, String> values) {
        List<String> lines = read(file);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String line = e.getKey() + " = " + e.getValue();
            int at = find(lines, e.getKey());
            if (at < 0) {
                lines.add(line);
            } else {
                int end = at;
                while (end < lines.size() - 1 && continues(lines.get(end))) {
                    end++;
                }
                lines.subList(at, end + 1).clear();
                lines.add(at, line);
            }
        }
        write(file, lines);
    }

    /** Whether the file defines the raw key on an uncommented line. */
    public static boolean defines(Path file, String rawKey) {
        return Files.exists(file) && find(read(file), rawKey) >= 0;
    }

    /** Appends lines verbatim. */
    public static void append(Path file, List<String> newLines) {
        List<String> lines = read(file);
        lines.addAll(newLines);
        write(file, lines);
    }

    private static int find(List<String> lines, String rawKey) {
        // The key, then optional blanks, then '=' or ':' or a blank (all three separate key and value).
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(rawKey) + "(\\s*[=:]|\\s)");
        boolean continuation = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean startsEntry = !continuation;
            continuation = continues(line);
            if (!startsEntry) {
                continue;
            }
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continuation = false;   // a comment never continues
                continue;
            }
            if (p.matcher(line).find() || line.strip().equals(rawKey)) {
                return i;
            }
        }
        return -1;
    }

    /** A line continues onto the next when it ends in an odd number of backslashes. */
    static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file)
                    ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1))
                    : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
