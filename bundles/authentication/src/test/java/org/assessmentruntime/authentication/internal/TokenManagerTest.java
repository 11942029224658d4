package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AccessToken;
import org.assessmentruntime.api.AuthenticationException;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger requests = new AtomicInteger();

    private TokenManager manager(Duration lifetime) {
        return new TokenManager("client-1", Duration.ofSeconds(60), Duration.ofSeconds(10), () -> new TokenGrant(
                "token-" + requests.incrementAndGet(), lifetime), clock);
    }

    @Test
    void cachesTheTokenAndRenewsItTokenRefreshBeforeExpiry() throws Exception {
        TokenManager tokens = manager(Duration.ofHours(1));

        AccessToken first = tokens.token().orElseThrow();
        clock.advance(Duration.ofMinutes(58));
        assertThat(tokens.token()).contains(first);
        clock.advance(Duration.ofSeconds(61));

        AccessToken second = tokens.token().orElseThrow();
        assertThat(second.value()).isEqualTo("token-2");
        assertThat(requests).hasValue(2);
        assertThat(tokens.status().tokenExpiresAt()).isEqualTo(second.expiresAt());
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfLife() throws Exception {
        TokenManager tokens = manager(Duration.ofSeconds(20));

        tokens.token();
        clock.advance(Duration.ofSeconds(9));
        assertThat(tokens.token().orElseThrow().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token().orElseThrow().value()).isEqualTo("token-2");
    }

    @Test
    void concurrentCallersShareOneRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TokenManager tokens = new TokenManager("client-1", Duration.ofSeconds(60), Duration.ofSeconds(10), () -> {
            requests.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TokenGrant("shared", Duration.ofHours(1));
        }, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> tokens.token().orElseThrow()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (requests.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Thread.sleep(100); // let the other callers queue up behind the first request
            release.countDown();
            for (Future<AccessToken> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).value()).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void invalidateDropsOnlyTheRefusedToken() throws Exception {
        TokenManager tokens = manager(Duration.ofHours(1));
        AccessToken first = tokens.token().orElseThrow();

        tokens.invalidate(new AccessToken("some-older-token", first.expiresAt()));
        assertThat(tokens.token()).contains(first);

        tokens.invalidate(first);
        assertThat(tokens.token().orElseThrow().value()).isEqualTo("token-2");
    }

    @Test
    void forbiddenBacksOffWithGrowingDelays() throws Exception {
        TokenManager tokens = new TokenManager("client-1", Duration.ofSeconds(60), Duration.ofSeconds(10), () -> {
            requests.incrementAndGet();
            throw new TokenRefusedException(403, "client credentials refused (403): revoked");
        }, clock);

        assertThatThrownBy(tokens::token).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("revoked")
                .satisfies(e -> assertThat(((AuthenticationException) e).credentialsRejected()).isTrue());
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(tokens::token).hasMessageContaining("not asking again before");
        assertThat(requests).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(tokens::token).hasMessageContaining("revoked");
        assertThat(requests).hasValue(2);
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(tokens::token).hasMessageContaining("not asking again before");
        assertThat(requests).hasValue(2);
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(tokens::token).hasMessageContaining("revoked");
        assertThat(requests).hasValue(3);
        assertThat(tokens.status().lastError()).contains("revoked");
    }

    @Test
    void aFailedRenewalKeepsUsingTheStillValidToken() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TokenManager tokens = new TokenManager("client-1", Duration.ofSeconds(60), Duration.ofSeconds(10), () -> {
            if (calls.incrementAndGet() == 1) {
                return new TokenGrant("first", Duration.ofMinutes(10));
            }
            throw new AuthenticationException("control plane unreachable", false, null);
        }, clock);

        AccessToken first = tokens.token().orElseThrow();
        clock.advance(Duration.ofMinutes(9).plusSeconds(30));
        assertThat(tokens.token()).contains(first);
        assertThat(tokens.status().lastError()).isEqualTo("control plane unreachable");

        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(tokens::token).hasMessage("control plane unreachable");
    }

    @Test
    void withoutCredentialsThereIsNoToken() throws Exception {
        TokenManager tokens = TokenManager.anonymous();

        assertThat(tokens.token()).isEmpty();
        assertThat(tokens.status().configured()).isFalse();
    }

    @Test
    void statusAndToStringNeverShowTheToken() throws Exception {
        TokenManager tokens = manager(Duration.ofHours(1));
        AccessToken token = tokens.token().orElseThrow();

        assertThat(tokens.status().toString()).doesNotContain(token.value());
        assertThat(tokens.toString()).doesNotContain(token.value()).contains("client-1");
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
