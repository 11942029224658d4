package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** NOT_APPLICABLE: it must say why, and it cannot hide an unmet control. */
class NotApplicableTest {

    private static Finding finding(Finding.State state) {
        return new Finding(UUID.randomUUID(), "sshd hardening", "sshd is configured to the baseline", null, state,
                null, null);
    }

    @Test
    void aPluginSayingNotApplicableMustSayWhy() {
        assertThat(new PluginOutput(ResultStatus.NOT_APPLICABLE, "sshd is not installed", null, null, null, null,
                null, null).reason()).isEqualTo("sshd is not installed");
        assertThatThrownBy(() -> new PluginOutput(ResultStatus.NOT_APPLICABLE, " ", null, null, null, null, null,
                null)).hasMessage("PluginOutput.reason is required when status is NOT_APPLICABLE");
    }

    @Test
    void notApplicableCannotCarryANotSatisfiedFinding() {
        Finding unmet = finding(Finding.State.NOT_SATISFIED);
        assertThatThrownBy(() -> new PluginOutput(ResultStatus.NOT_APPLICABLE, "no sshd", null, null, List.of(unmet),
                null, null, null)).hasMessageContaining("PluginOutput.status is NOT_APPLICABLE but finding "
                        + unmet.uuid() + " ('sshd hardening') is not-satisfied");
        // A satisfied finding (e.g. "sshd is absent") is consistent with it.
        assertThat(new PluginOutput(ResultStatus.NOT_APPLICABLE, "no sshd", null, null,
                List.of(finding(Finding.State.SATISFIED)), null, null, null).findings()).hasSize(1);
    }

    @Test
    void theStoredResultChecksTheSame() {
        AssessmentResult r = Fixtures.result();
        AssessmentResult na = r.toBuilder().status(ResultStatus.NOT_APPLICABLE).errorKind(null)
                .reason("sshd is not installed").findings(List.of()).observations(List.of()).risks(List.of())
                .build();
        assertThat(na.status()).isEqualTo(ResultStatus.NOT_APPLICABLE);
        assertThatThrownBy(() -> na.toBuilder().reason("").build())
                .hasMessage("AssessmentResult.reason is required when status is NOT_APPLICABLE");
        assertThatThrownBy(() -> na.toBuilder().findings(List.of(finding(Finding.State.NOT_SATISFIED))).build())
                .hasMessageContaining("AssessmentResult.status is NOT_APPLICABLE but finding");
    }

    @Test
    void onlyErrorAndNotApplicableNeedAReason() {
        assertThat(List.of(ResultStatus.values())).filteredOn(ResultStatus::needsReason)
                .containsExactly(ResultStatus.ERROR, ResultStatus.NOT_APPLICABLE);
    }
}
