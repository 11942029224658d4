package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AccessToken;
import org.assessmentruntime.api.AuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Part of the hostile-input suite: the shared token request when the request itself goes wrong in ways
 * no HTTP deadline covers: an {@link Error} (an oversized reply used to end in OutOfMemoryError) or a
 * leader stuck for good. No waiter may park, the link must report DOWN, and the next caller recovers.
 */
class HostileTokenEndpointTest {

    private static final Duration WAIT = Duration.ofMillis(500);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch leaderInside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void anErrorInTheTokenRequestCompletesTheSharedRequestForEveryWaiter() throws Exception {
        TokenManager tokens = new TokenManager("client-1", Duration.ofSeconds(60), Duration.ofMinutes(5), () -> {
            if (requests.incrementAndGet() == 1) {
                leaderInside.countDown();
                awaitRelease();
                throw new OutOfMemoryError("Java heap space");
            }
            return new TokenGrant("good", Duration.ofHours(1));
        }, Clock.systemUTC());

        Future<Throwable> leader = callers.submit(() -> failure(tokens));
        assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();
        FutureTask<Throwable> waiter = new FutureTask<>(() -> failure(tokens));
        Thread waiting = new Thread(waiter, "token-waiter");
        waiting.start();
        // Released only once the waiter waits on the shared request; released earlier, it could start a
        // request of its own after the leader's failed and get a token.
        awaitParked(waiting);
        release.countDown();

        // The waiter gets an answer, not a park (the wait limit here is minutes: only completion frees it).
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("OutOfMemoryError");
        assertThat(leader.get(10, TimeUnit.SECONDS)).isInstanceOf(OutOfMemoryError.class);
        assertThat(tokens.status().lastError()).contains("OutOfMemoryError");
        assertThat(tokens.down()).isPresent();

        assertThat(tokens.token().map(AccessToken::value)).contains("good");
        assertThat(tokens.down()).isEmpty();
    }

    @Test
    void aStuckTokenRequestReleasesItsWaitersAtTheWaitLimitAndIsReplaced() throws Exception {
        TokenManager tokens = new TokenManager("client-1", Duration.ofSeconds(60), WAIT, () -> {
            if (requests.incrementAndGet() == 1) {
                leaderInside.countDown();
                awaitRelease();   // stuck where no HTTP deadline reaches
            }
            return new TokenGrant("token-" + requests.get(), Duration.ofHours(1));
        }, Clock.systemUTC());

        callers.submit(() -> failure(tokens));
        assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(tokens::token).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("did not complete within 0 s");
        // Past the wait limit the request counts as stuck: DOWN, and said so in the status.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tokens.down().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(tokens.down()).hasValueSatisfying(why -> assertThat(why).contains("has not completed after"));
        assertThat(tokens.status().lastError()).contains("has not completed after");

        // The next caller does not join the stuck request: it asks anew and gets a token.
        assertThat(tokens.token().map(AccessToken::value)).contains("token-2");
        assertThat(tokens.down()).isEmpty();

        // The stuck request ending late does not undo the fresh state.
        release.countDown();
        assertThat(tokens.token().map(AccessToken::value)).isPresent();
        assertThat(tokens.down()).isEmpty();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("%s still not waiting", thread).isLessThan(end);
            Thread.sleep(5);
        }
    }

    private static Throwable failure(TokenManager tokens) {
        try {
            tokens.token();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
