package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plugin printing a blank line to stderr (or a log entry with an empty message) must not make the
 * result it ends up in unreadable: an empty message once was left out on write and required on read, so
 * every query of the store failed.
 */
class HostileLogEntryTest {

    private final ObjectMapper mapper = Fixtures.mapper();

    @Test
    void anEmptyMessageRoundTripsAndIsWritten() throws Exception {
        LogEntry blank = new LogEntry(LogEntry.Level.WARN, "", Instant.parse("2026-04-01T00:00:00Z"));

        String json = mapper.writeValueAsString(blank);

        assertThat(json).contains("\"message\":\"\"");
        assertThat(mapper.readValue(json, LogEntry.class)).isEqualTo(blank);
    }

    @Test
    void anEntryWrittenWithoutItsMessageIsReadAsEmpty() throws Exception {
        // What runtimes before the fix stored for a blank stderr line.
        LogEntry read = mapper.readValue("{\"level\":\"ERROR\"}", LogEntry.class);

        assertThat(read).isEqualTo(new LogEntry(LogEntry.Level.ERROR, "", null));
    }

    @Test
    void aResultWithABlankLogLineRoundTrips() throws Exception {
        AssessmentResult fixture = Fixtures.result();
        AssessmentResult result = new AssessmentResult(fixture.resultId(), fixture.runId(), fixture.jobId(),
                fixture.taskId(), fixture.activityId(), fixture.planId(), fixture.componentId(), fixture.controlId(),
                fixture.status(), fixture.errorKind(), fixture.reason(), fixture.title(), fixture.observations(),
                fixture.findings(), fixture.risks(), fixture.subjects(),
                java.util.List.of(new LogEntry(null, "", null), new LogEntry(null, "after", null)),
                fixture.provenance());

        assertThat(mapper.readValue(mapper.writeValueAsString(result), AssessmentResult.class)).isEqualTo(result);
    }
}
