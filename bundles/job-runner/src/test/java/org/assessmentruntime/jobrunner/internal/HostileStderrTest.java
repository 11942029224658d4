package org.assessmentruntime.jobrunner.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.LogEntry.Level;
import org.junit.jupiter.api.Test;

/**
 * A plugin floods its stderr with what costs it nothing and every reader of the result a lot: blank
 * lines (each was an entry with an empty message, which made the whole result store unreadable,
 * issue 15 item 4), many short lines, one endless line. The entries stay bounded in number and size.
 */
class HostileStderrTest {

    static final Instant END = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void blankLinesAreDropped() {
        byte[] stderr = ("\n".repeat(50_000) + "ERROR:\n \r\nWARN:   \nINFO: kept\n\n").getBytes(UTF_8);

        List<LogEntry> entries = StderrLogs.parse(stderr, false, stderr.length, END);

        assertThat(entries).extracting(LogEntry::level, LogEntry::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.INFO, "kept"));
    }

    @Test
    void theNumberOfEntriesIsCappedAndTheDropIsCounted() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append("INFO: line ").append(i).append('\n');
        }

        List<LogEntry> entries = StderrLogs.parse(lines.toString().getBytes(UTF_8), false, 1 << 20, END);

        assertThat(entries).hasSize(StderrLogs.MAX_ENTRIES + 1);
        assertThat(entries.get(StderrLogs.MAX_ENTRIES - 1).message()).isEqualTo("line 999");
        LogEntry last = entries.get(StderrLogs.MAX_ENTRIES);
        assertThat(last.level()).isEqualTo(Level.WARN);
        assertThat(last.message()).contains("4000 more stderr line(s) were dropped").contains("1000");
        assertThat(last.time()).isEqualTo(END);
    }

    @Test
    void anEndlessLineIsCutAndSaysSo() {
        String line = "WARN: " + "x".repeat(1 << 20);

        List<LogEntry> entries = StderrLogs.parse(line.getBytes(UTF_8), true, 1 << 20, END);

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).message()).hasSize(StderrLogs.MAX_LINE_CHARS + 1).endsWith("…");
        assertThat(entries.get(1).message()).contains("longer than " + StderrLogs.MAX_LINE_CHARS);
        assertThat(entries.get(2).message()).contains("stderr was truncated");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String line = "a".repeat(StderrLogs.MAX_LINE_CHARS - 1) + "\uD83D\uDE00" + "tail";

        LogEntry entry = StderrLogs.parse(line.getBytes(UTF_8), false, 1 << 20, END).get(0);

        assertThat(entry.message()).isEqualTo("a".repeat(StderrLogs.MAX_LINE_CHARS - 1) + "…");
    }
}
