package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class UnitsTest {

    @Test
    void durations() {
        assertThat(Units.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Units.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.duration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        for (String bad : new String[] { "30", "s", "-5s", "0ms", "1.5s", "5 parsecs" }) {
            assertThatThrownBy(() -> Units.duration(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void bytes() {
        assertThat(Units.bytes("1048576")).isEqualTo(1048576);
        assertThat(Units.bytes("64KiB")).isEqualTo(64L << 10);
        assertThat(Units.bytes("64MiB")).isEqualTo(64L << 20);
        assertThat(Units.bytes("1GiB")).isEqualTo(1L << 30);
        assertThat(Units.bytes("16m")).isEqualTo(16L << 20);
        assertThat(Units.bytes("2MB")).isEqualTo(2_000_000);
        for (String bad : new String[] { "lots", "0", "-1", "1.5GiB", "99999999999999999999", "9999999999GiB" }) {
            assertThatThrownBy(() -> Units.bytes(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining(bad);
        }
    }
}
