package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ResourceLimitsTest {

    @Test
    void stricterOfTakesTheSmallerOfEachLimit() {
        ResourceLimits plugin = new ResourceLimits(Duration.ofSeconds(120), 64L << 20, 8L << 20, 4096);
        ResourceLimits operator = new ResourceLimits(Duration.ofSeconds(30), 512L << 20, 1L << 20, 1L << 20);

        ResourceLimits effective = plugin.stricterOf(operator);

        assertThat(effective).isEqualTo(new ResourceLimits(Duration.ofSeconds(30), 64L << 20, 1L << 20, 4096));
        assertThat(operator.stricterOf(plugin)).isEqualTo(effective);
        assertThat(effective.stricterOf(effective)).isEqualTo(effective);
    }

    @Test
    void absentLimitsTakeDefaults() {
        ResourceLimits onlyTimeout = new ResourceLimits(Duration.ofSeconds(5), 0, 0, 0);

        assertThat(onlyTimeout.maxMemoryBytes()).isEqualTo(256L << 20);
        assertThat(onlyTimeout.maxStdoutBytes()).isEqualTo(4L << 20);
        assertThat(onlyTimeout.maxStderrBytes()).isEqualTo(1L << 20);
        assertThat(new ResourceLimits(null, 0, 0, 0)).isEqualTo(ResourceLimits.DEFAULTS);
        assertThat(ResourceLimits.DEFAULTS.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> new ResourceLimits(Duration.ZERO, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ResourceLimits.timeout must be positive, got PT0S");
        assertThatThrownBy(() -> new ResourceLimits(null, -1, 0, 0))
                .hasMessage("ResourceLimits.maxMemoryBytes must not be negative, got -1");
        assertThatThrownBy(() -> new ResourceLimits(null, 0, 0, -5))
                .hasMessage("ResourceLimits.maxStderrBytes must not be negative, got -5");
        assertThatThrownBy(() -> ResourceLimits.DEFAULTS.stricterOf(null)).hasMessage("other is required");
    }
}
