package org.assessmentruntime.resultscollector.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void growsExponentiallyWithFullJitterUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(300), new SplittableRandom(7));
        long max = 0;
        for (int failure = 1; failure <= 20; failure++) {
            Duration wait = backoff.next(null);
            long ceiling = Math.min(300_000, 1000L << Math.min(failure - 1, 30));
            assertThat(wait.toMillis()).as("failure " + failure).isBetween(0L, ceiling);
            max = Math.max(max, wait.toMillis());
        }
        assertThat(max).as("grows well past the base").isGreaterThan(10_000);

        backoff.reset();
        assertThat(backoff.next(null).toMillis()).isBetween(0L, 1000L);
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsksButNeverBeyondTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(300), new SplittableRandom(7));

        assertThat(backoff.next(Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(backoff.next(Duration.ofDays(2))).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        assertThat(Backoff.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Backoff.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter("Mon, 01 Jun 2026 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter("Mon, 01 Jun 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter("soon", NOW)).isNull();
        assertThat(Backoff.retryAfter("-5", NOW)).isNull();
        assertThat(Backoff.retryAfter(null, NOW)).isNull();
    }

    @Test
    void classifiesRepliesAndShortensTheServersError() {
        for (int status : new int[] {500, 502, 503, 429, 401, 403, 408, 302}) {
            assertThat(new Reply(status, null, null).retryable()).as("" + status).isTrue();
        }
        for (int status : new int[] {400, 404, 409, 413, 422}) {
            assertThat(new Reply(status, null, null).retryable()).as("" + status).isFalse();
        }
        assertThat(new Reply(201, null, null).success()).isTrue();
        assertThat(new Reply(201, "{\"data\":{}}".getBytes(), null).success()).isTrue();
        Reply garbage = new Reply(200, "{\"data\": {".getBytes(), null);
        assertThat(garbage.success()).as("a 2xx that is not JSON proves nothing").isFalse();
        assertThat(garbage.retryable()).isTrue();
        assertThat(garbage.error()).contains("not JSON");
        assertThat(new Reply(400, "{\"errors\":{\"body\":\"bad\\nthing\"}}".getBytes(), null).error())
                .isEqualTo("bad thing");
        assertThat(new Reply(400, "{\"errors\":{\"uuid\":\"required\",\"title\":\"required\"}}".getBytes(), null)
                .error()).isEqualTo("uuid: required; title: required");
        assertThat(new Reply(502, "<html>x".repeat(100).getBytes(), null).error()).hasSize(Reply.MAX_ERROR + 1)
                .endsWith("…");
        assertThat(new Reply(500, null, null).error()).isEqualTo("no error text");
    }
}
