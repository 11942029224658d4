package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void picksTheTwoLargestUnits() {
        assertThat(Durations.human(850)).isEqualTo("850ms");
        assertThat(Durations.human(12_000)).isEqualTo("12s");
        assertThat(Durations.human(725_000)).isEqualTo("12m5s");
        assertThat(Durations.human(3 * 3_600_000L + 60_000)).isEqualTo("3h1m");
        assertThat(Durations.human(4 * 86_400_000L + 2 * 3_600_000L)).isEqualTo("4d2h");
    }
}
