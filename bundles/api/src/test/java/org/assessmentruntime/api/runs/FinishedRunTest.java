package org.assessmentruntime.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.assessmentruntime.api.model.ResultStatus;
import org.junit.jupiter.api.Test;

class FinishedRunTest {

    private static final Instant END = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aRunIsDescribedByItsJobOutcomeAndDuration() {
        FinishedRun run = new FinishedRun("host-os", "daily", "os", "examples/os-baseline", ResultStatus.PASS, null,
                Duration.ofMillis(120), END, UUID.randomUUID(), true);

        assertThat(run.outcome()).isEqualTo(ResultStatus.PASS);
        assertThat(run.duration()).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void requiredPartsAndANegativeDurationAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new FinishedRun(null, "t", "a", "p/q", ResultStatus.PASS, null, Duration.ZERO, END,
                null, true)).hasMessageContaining("FinishedRun.jobId");
        assertThatThrownBy(() -> new FinishedRun("j", "t", "a", "p/q", null, null, Duration.ZERO, END, null, true))
                .hasMessageContaining("FinishedRun.outcome");
        assertThatThrownBy(() -> new FinishedRun("j", "t", "a", "p/q", ResultStatus.FAIL, null,
                Duration.ofMillis(-1), END, null, true)).hasMessageContaining("FinishedRun.duration");
    }
}
