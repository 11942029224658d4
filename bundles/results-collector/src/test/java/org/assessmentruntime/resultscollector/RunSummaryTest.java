package org.assessmentruntime.resultscollector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultStatus;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void countsEachRunsResultsByVerdictNewestRunFirst() {
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        List<RunSummary> runs = RunSummary.of(List.of(
                Fixtures.variant(Fixtures.OS_BASELINE_PASS, older, "nightly", T.plusSeconds(10)),
                Fixtures.variant(Fixtures.SSHD_ERROR, newer, "hourly", T.plusSeconds(100)),
                Fixtures.variant(Fixtures.SSHD_FAIL, older, "nightly", T.plusSeconds(20)),
                Fixtures.variant(Fixtures.SENSITIVE_FILES_PASS, older, "nightly", T.plusSeconds(5))));

        assertThat(runs).extracting(RunSummary::runId).containsExactly(newer, older);
        RunSummary nightly = runs.get(1);
        assertThat(nightly.jobId()).isEqualTo("nightly");
        assertThat(nightly.counts()).containsExactly(Map.entry(ResultStatus.PASS, 2), Map.entry(ResultStatus.FAIL, 1),
                Map.entry(ResultStatus.ERROR, 0), Map.entry(ResultStatus.NOT_APPLICABLE, 0));
        assertThat(nightly.total()).isEqualTo(3);
        assertThat(nightly.end()).isEqualTo(T.plusSeconds(20));
        assertThat(nightly.start()).isBefore(T.plusSeconds(5));
        assertThat(nightly.verdict()).isEqualTo(ResultStatus.FAIL);
        assertThat(runs.get(0).verdict()).isEqualTo(ResultStatus.ERROR);
        assertThat(RunSummary.of(List.of(Fixtures.load(Fixtures.OS_BASELINE_PASS))).get(0).verdict())
                .isEqualTo(ResultStatus.PASS);
        assertThat(RunSummary.of(List.of())).isEmpty();
    }

    @Test
    void aRunIsNotApplicableOnlyWhenNothingElseWasConcluded() {
        UUID run = UUID.randomUUID();
        AssessmentResult na = Fixtures.notApplicable();
        AssessmentResult naInRun = na.toBuilder().runId(run).jobId("hourly").build();
        AssessmentResult passInRun = Fixtures.variant(Fixtures.OS_BASELINE_PASS, run, "hourly",
                na.provenance().end());

        assertThat(RunSummary.of(List.of(naInRun)).get(0).verdict()).isEqualTo(ResultStatus.NOT_APPLICABLE);
        RunSummary mixed = RunSummary.of(List.of(naInRun, passInRun)).get(0);
        assertThat(mixed.verdict()).isEqualTo(ResultStatus.PASS);
        assertThat(mixed.counts()).containsEntry(ResultStatus.NOT_APPLICABLE, 1).containsEntry(ResultStatus.PASS, 1);
        assertThat(mixed.total()).isEqualTo(2);
    }
}
