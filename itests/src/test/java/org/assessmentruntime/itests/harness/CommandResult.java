package org.assessmentruntime.itests.harness;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What one shell command run over SSH produced.
 *
 * <p>Karaf colours some output (errors, {@code shell:info}) even on an exec channel without a
 * terminal, so {@link #output()} has ANSI escape sequences and carriage returns removed; the bytes as
 * received are in {@link #rawOutput()}.
 *
 * @param command    the command line as sent
 * @param rawOutput  stdout and stderr as received, interleaved in arrival order
 * @param rawStderr  stderr alone, as received (usually empty: Karaf 4.4 prints even the error of a
 *                   failing command on the exec channel's stdout)
 * @param exitStatus the exit status the server sent, or {@code null} when it sent none. Karaf 4.4
 *                   sends 0 when the command returned normally and 1 when it threw (including
 *                   "Command not found")
 * @param duration   from connecting to the channel closing
 */
public record CommandResult(String command, String rawOutput, String rawStderr, Integer exitStatus,
        Duration duration) {

    /** CSI sequences ({@code ESC [ ... letter}), which is all Karaf's Jansi/JLine output uses. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    /** stdout and stderr without ANSI escapes and with {@code \r\n} turned into {@code \n}. */
    public String output() {
        return plain(rawOutput);
    }

    /** stderr alone, without ANSI escapes. */
    public String stderr() {
        return plain(rawStderr);
    }

    /** Whether the server reported exit status 0. A missing status does not count as success. */
    public boolean succeeded() {
        return exitStatus != null && exitStatus == 0;
    }

    static String plain(String s) {
        return ANSI.matcher(s).replaceAll("").replace("\r\n", "\n").replace("\r", "");
    }

    @Override
    public String toString() {
        return "`" + command + "` -> exit " + exitStatus + " in " + duration.toMillis() + " ms:\n" + output();
    }
}
