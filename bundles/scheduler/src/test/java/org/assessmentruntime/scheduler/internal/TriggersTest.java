package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.assessmentruntime.api.model.Schedule;
import org.junit.jupiter.api.Test;

class TriggersTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void intervalFiresAFixedTimeAfterThePreviousFireTime() {
        Trigger trigger = Triggers.of(Schedule.every(Duration.ofMinutes(10))).orElseThrow();

        assertThat(trigger.next(T0)).contains(T0.plusSeconds(600));
    }

    @Test
    void jitterStaysWithinItsBoundsAndSpreads() {
        Duration jitter = Duration.ofSeconds(30);
        Random random = new Random(42);
        Set<Long> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            Instant at = Triggers.jitter(T0, jitter, random);
            assertThat(at).isBetween(T0, T0.plus(jitter));
            seen.add(Duration.between(T0, at).toMillis());
        }
        // Spread over the range rather than stuck at one end.
        assertThat(seen.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(1_000);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(29_000);
    }

    @Test
    void noJitterMeansOnTheDot() {
        assertThat(Triggers.jitter(T0, Duration.ZERO, new Random(1))).isEqualTo(T0);
    }

    @Test
    void cronIsReadInTheSchedulesZoneAndUntimedSchedulesHaveNoTrigger() {
        Schedule berlin = new Schedule("0 0 6 * * *", null, null, null, ZoneId.of("Europe/Berlin"), null, null);

        assertThat(Triggers.of(berlin).orElseThrow().next(T0)).contains(Instant.parse("2026-06-02T04:00:00Z"));
        assertThat(Triggers.of(Schedule.MANUAL)).isEmpty();
        assertThat(Triggers.of(new Schedule(null, null, null, java.util.List.of("/etc/hosts"), null, null, null)))
                .isEqualTo(Optional.empty());
    }

    @Test
    void missedRunsAreFireTimesBetweenTheLastOneAndNow() {
        Trigger hourly = Triggers.of(Schedule.cron("0 0 * * * *")).orElseThrow();
        Instant lastAt0930 = Instant.parse("2026-06-01T09:30:00Z");

        assertThat(MissedRuns.missed(hourly, Optional.of(lastAt0930), Instant.parse("2026-06-01T09:59:59Z"))).isFalse();
        assertThat(MissedRuns.missed(hourly, Optional.of(lastAt0930), Instant.parse("2026-06-01T10:00:00Z"))).isTrue();
        assertThat(MissedRuns.missed(hourly, Optional.of(lastAt0930), Instant.parse("2026-06-03T00:00:00Z"))).isTrue();
        // Never ran here: there is no result of it at all.
        assertThat(MissedRuns.missed(hourly, Optional.empty(), T0)).isTrue();
    }
}
