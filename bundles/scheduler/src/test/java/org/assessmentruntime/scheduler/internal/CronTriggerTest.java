package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CronTriggerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<Instant> next(CronTrigger trigger, String after, int count) {
        List<Instant> times = new ArrayList<>();
        Instant at = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            at = trigger.next(at).orElseThrow();
            times.add(at);
        }
        return times;
    }

    @Test
    void secondsFieldIsHonoured() {
        CronTrigger everyFifteenSeconds = new CronTrigger("*/15 * * * * *", ZoneOffset.UTC);

        assertThat(next(everyFifteenSeconds, "2026-06-01T10:00:07Z", 3)).containsExactly(
                Instant.parse("2026-06-01T10:00:15Z"), Instant.parse("2026-06-01T10:00:30Z"),
                Instant.parse("2026-06-01T10:00:45Z"));
        assertThat(new CronTrigger("30 15 10 * * *", ZoneOffset.UTC).next(Instant.parse("2026-06-01T10:15:29Z")))
                .contains(Instant.parse("2026-06-01T10:15:30Z"));
    }

    @Test
    void theSameExpressionFiresAtTheZonesWallClockTime() {
        String after = "2026-06-01T00:00:00Z";

        assertThat(new CronTrigger("0 0 6 * * *", ZoneOffset.UTC).next(Instant.parse(after)))
                .contains(Instant.parse("2026-06-01T06:00:00Z"));
        assertThat(new CronTrigger("0 0 6 * * *", BERLIN).next(Instant.parse(after)))
                .contains(Instant.parse("2026-06-01T04:00:00Z"));
        assertThat(new CronTrigger("0 0 6 * * *", ZoneId.of("Asia/Kolkata")).next(Instant.parse(after)))
                .contains(Instant.parse("2026-06-01T00:30:00Z"));
    }

    @Test
    void dailyRunKeepsItsLocalTimeAcrossTheSpringForwardDay() {
        // Berlin goes from +01:00 to +02:00 at 02:00 local time on 29 March 2026: that day is 23 hours long.
        CronTrigger sixOClock = new CronTrigger("0 0 6 * * *", BERLIN);

        assertThat(next(sixOClock, "2026-03-27T12:00:00Z", 3)).containsExactly(
                Instant.parse("2026-03-28T05:00:00Z"), // 06:00 CET
                Instant.parse("2026-03-29T04:00:00Z"), // 06:00 CEST, on the day of the change
                Instant.parse("2026-03-30T04:00:00Z"));
    }

    @Test
    void wallTimesThatDoNotExistAreSkippedAndRepeatedOnesFireOnce() {
        CronTrigger halfPastTwo = new CronTrigger("0 30 2 * * *", BERLIN);

        // 02:30 does not exist on 29 March 2026 in Berlin: no run that day.
        assertThat(next(halfPastTwo, "2026-03-28T12:00:00Z", 1)).containsExactly(Instant.parse("2026-03-30T00:30:00Z"));
        // 02:30 happens twice on 25 October 2026 (CEST, then CET): it fires at the first only.
        assertThat(next(halfPastTwo, "2026-10-24T12:00:00Z", 2)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        // An hourly run still fires every hour that elapses, the repeated one included.
        assertThat(next(new CronTrigger("0 0 * * * *", BERLIN), "2026-10-24T23:30:00Z", 3)).containsExactly(
                Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-10-25T02:00:00Z"));
    }

    @Test
    void knowsNamesAndSpringExtensions() {
        Instant friday = Instant.parse("2026-03-27T07:00:00Z");

        assertThat(new CronTrigger("0 0 6 * * MON-FRI", ZoneOffset.UTC).next(friday))
                .contains(Instant.parse("2026-03-30T06:00:00Z"));
        assertThat(new CronTrigger("0 0 6 * * 0", ZoneOffset.UTC).next(friday))
                .contains(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(new CronTrigger("0 0 6 L * *", ZoneOffset.UTC).next(friday))
                .contains(Instant.parse("2026-03-31T06:00:00Z"));
    }

    @Test
    void invalidExpressionsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Crons.parse("0 0 25 * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0 0 25 * * *' is not a valid cron expression").hasMessageContaining("25");
        assertThatThrownBy(() -> Crons.parse("0 0 6 * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 parts");
        assertThatThrownBy(() -> Crons.parse("0 0 0 30 2 *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never fires");
    }
}
