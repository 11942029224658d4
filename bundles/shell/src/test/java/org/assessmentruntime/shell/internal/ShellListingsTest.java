package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code assessment:result}, and what the listings print: millisecond UTC times, order, whole words. */
class ShellListingsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final ResultsCollector collector = mock(ResultsCollector.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureOut() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOut() {
        System.setOut(originalOut);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    static AssessmentResult result(UUID runId, Instant start, Instant end, String reason) {
        UUID observation = UUID.randomUUID();
        Provenance provenance = new Provenance(new PluginRef("examples/sshd-hardening", "^1.0"),
                new PluginId("examples/sshd-hardening", "1.2.0"), Digest.sha256(new byte[] {1}), "chicory",
                new ResourceLimits(Duration.ofSeconds(30), 64L << 20, 1 << 20, 1 << 16), "runtime-1", start, end);
        return new AssessmentResult(UUID.randomUUID(), runId, "host-ssh", "sshd", "hardening", "", "", "cm-6",
                ResultStatus.FAIL, null, reason, "sshd is hardened",
                List.of(new Observation(observation, "PermitRootLogin is yes", "sshd -T says so", List.of(), List.of(), List.of(),
                        null, end)),
                List.of(new Finding(UUID.randomUUID(), "Root may log in over SSH", "root can log in", "ac-6",
                        Finding.State.NOT_SATISFIED, List.of(observation), List.of())),
                List.of(), List.of(), List.of(new LogEntry(LogEntry.Level.WARN, "read /etc/ssh/sshd_config", end)),
                provenance);
    }

    private static StoredResult stored(AssessmentResult r) {
        return new StoredResult(r, DeliveryState.PARKED, 3, "HTTP 422: evidence rejected", r.provenance().end(),
                r.provenance().end().plusSeconds(5));
    }

    @Test
    void resultShowsOneResultWithFindingsObservationsLogsProvenanceAndDelivery() {
        AssessmentResult r = result(UUID.randomUUID(), T0, T0.plusMillis(1500), "root login allowed");
        when(collector.find(r.resultId())).thenReturn(Optional.of(stored(r)));
        ResultCommand command = new ResultCommand();
        command.collector = collector;
        command.id = r.resultId().toString();

        command.execute();

        assertThat(printed()).contains("Result     " + r.resultId(), "Status     FAIL", "Reason     root login allowed",
                "Job        host-ssh / task sshd / activity hardening", "Control    cm-6",
                "Plugin     examples/sshd-hardening@1.2.0 sha256:", "Engine     chicory", "Runtime    runtime-1",
                "Ran        2025-03-01T10:00:00.000Z to 2025-03-01T10:00:01.500Z (1s)",
                "Delivery   PARKED, 3 attempts, last 2025-03-01T10:00:06.500Z: HTTP 422: evidence rejected",
                "Findings (1)", "NOT_SATISFIED ac-6: Root may log in over SSH",
                "Observations (1)", "  - PermitRootLogin is yes",
                "Log (1)", "  2025-03-01T10:00:01.500Z WARN  read /etc/ssh/sshd_config");
    }

    @Test
    void resultJsonIsTheStoredResult() {
        AssessmentResult r = result(UUID.randomUUID(), T0, T0.plusNanos(1_234_567), "");
        when(collector.find(r.resultId())).thenReturn(Optional.of(stored(r)));
        ResultCommand command = new ResultCommand();
        command.collector = collector;
        command.id = r.resultId().toString();
        command.json = true;

        command.execute();

        assertThat(printed()).contains("\"resultId\" : \"" + r.resultId() + "\"", "\"state\" : \"PARKED\"",
                // Lossless for scripts: the stored instant, not the tables' milliseconds.
                "\"lastError\" : \"HTTP 422: evidence rejected\"", "\"end\" : \"2025-03-01T10:00:00.001234567Z\"",
                "\"title\" : \"Root may log in over SSH\"");
    }

    @Test
    void resultRefusesAMalformedOrUnknownIdNamingIt() {
        UUID unknown = UUID.randomUUID();
        when(collector.find(any())).thenReturn(Optional.empty());
        ResultCommand command = new ResultCommand();
        command.collector = collector;

        command.id = "not-a-uuid";
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("'not-a-uuid'").hasMessageContaining("UUID");
        command.id = "1-2-3-4-5";
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class).hasMessageContaining("'1-2-3-4-5'");
        command.id = unknown.toString();
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("no stored result " + unknown);
    }

    @Test
    void runsAreListedNewestFirstByTheirEndWhichTheTableLeadsWithAtMillisecondPrecision() {
        // The first run started first but ended last: it is the newest, and the table shows why.
        UUID longRun = UUID.randomUUID();
        UUID shortRun = UUID.randomUUID();
        AssessmentResult longer = result(longRun, T0, T0.plusSeconds(300), "");
        AssessmentResult shorter = result(shortRun, T0.plusSeconds(60), T0.plusSeconds(120), "");
        when(collector.query(any())).thenReturn(List.of(stored(longer), stored(shorter)));
        RunsCommand command = new RunsCommand();
        command.collector = collector;

        command.execute();

        String table = printed();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("Ended");
        assertThat(table).contains("2025-03-01T10:05:00.000Z", "2025-03-01T10:02:00.000Z", "5m0s", "1m0s");
        assertThat(table.indexOf(longRun.toString())).isLessThan(table.indexOf(shortRun.toString()));
        assertThat(table.indexOf("10:05:00.000Z")).isLessThan(table.indexOf("10:02:00.000Z"));
    }

    @Test
    void resultsListMillisecondTimesAndCutLongReasonsAtAWordWithAnEllipsis() {
        String reason = "PermitRootLogin is yes and PasswordAuthentication is yes and X11Forwarding is enabled too";
        AssessmentResult r = result(UUID.randomUUID(), T0, T0, reason);
        when(collector.query(any())).thenReturn(List.of(stored(r)));
        ResultsCommand command = new ResultsCommand();
        command.collector = collector;

        command.execute();

        assertThat(printed()).contains("2025-03-01T10:00:00.000Z",
                "PermitRootLogin is yes and PasswordAuthentication is yes…").doesNotContain("X11Forwarding");
    }

    @Test
    void titlesAreCutAtAWordBoundaryWithAnEllipsis() {
        assertThat(Titles.fit("SSH server disallows root login", 40)).isEqualTo("SSH server disallows root login");
        assertThat(Titles.fit("SSH server disallows root login", 20)).isEqualTo("SSH server…");
        assertThat(Titles.fit("SSH server disallows root login", 20)).hasSizeLessThanOrEqualTo(20);
        assertThat(Titles.fit("a  title\nover lines", 40)).isEqualTo("a title over lines");
        // One word longer than the column is cut inside it, still marked.
        assertThat(Titles.fit("x".repeat(50), 10)).isEqualTo("x".repeat(9) + "…");
        assertThat(Titles.fit(null, 10)).isEmpty();
    }

    @Test
    void timestampsAreIsoUtcWithExactlyMilliseconds() {
        assertThat(Timestamps.format(T0)).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(Timestamps.format(T0.plusNanos(123_456_789))).isEqualTo("2025-03-01T10:00:00.123Z");
        assertThat(Timestamps.format(null)).isEmpty();
    }
}
