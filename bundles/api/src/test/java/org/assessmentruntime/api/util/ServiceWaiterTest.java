package org.assessmentruntime.api.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ServiceWaiterTest {

    private final ServiceWaiter<String> waiter = new ServiceWaiter<>();

    @Test
    void holdsTheLastServiceBoundAndClearsOnlyThatOne() {
        assertThat(waiter.get()).isNull();
        waiter.set("first");
        // A greedy rebind binds the new service before unbinding the old one.
        waiter.set("second");
        waiter.clear("first");
        assertThat(waiter.get()).isEqualTo("second");

        waiter.clear("second");
        assertThat(waiter.get()).isNull();
    }

    @Test
    void returnsAPresentServiceAtOnceAndNullWhenNoneComesInTime() {
        assertThat(waiter.await(Duration.ofMillis(20))).isNull();
        assertThat(waiter.awaitUntil(System.nanoTime() - 1)).isNull();

        waiter.set("there");
        assertThat(waiter.await(Duration.ZERO)).isEqualTo("there");
    }

    @Test
    void wakesAWaiterWhenTheServiceArrives() throws Exception {
        CompletableFuture<String> waited = CompletableFuture.supplyAsync(() -> waiter.await(Duration.ofSeconds(30)));
        Thread.sleep(50);
        waiter.set("replacement");

        assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo("replacement");
    }

    @Test
    void closingEndsEveryWaitNowAndLater() throws Exception {
        CompletableFuture<String> waited = CompletableFuture.supplyAsync(() -> waiter.await(Duration.ofSeconds(30)));
        Thread.sleep(50);
        waiter.close();

        assertThat(waited.get(10, TimeUnit.SECONDS)).isNull();
        long start = System.nanoTime();
        assertThat(waiter.await(Duration.ofSeconds(30))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // A service that is there is still handed out.
        waiter.set("late");
        assertThat(waiter.await(Duration.ZERO)).isEqualTo("late");
    }

    @Test
    void anInterruptedWaitReturnsNullAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThat(waiter.await(Duration.ofSeconds(30))).isNull();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
