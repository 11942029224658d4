package org.assessmentruntime.resultscollector.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.internal.CollectorAccessForTests;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One request per result: several in flight, and what a failure among them leaves. */
class DelivererTest {

    @TempDir
    Path directory;

    private final ExecutorService server = Executors.newCachedThreadPool();
    private ResultsCollectorService collector;

    @BeforeEach
    void open() {
        collector = CollectorAccessForTests.collector(directory);
    }

    @AfterEach
    void close() {
        CollectorAccessForTests.deactivate(collector);
        server.shutdownNow();
    }

    @Test
    void keepsUpToTheConcurrencyInFlightAndDeliversEveryResult() throws AssessmentException {
        List<UUID> ids = store(10);
        Client client = new Client(Set.of());
        Deliverer deliverer = deliverer(3);

        deliverer.round(client);

        assertThat(client.maxInFlight.get()).isEqualTo(3);
        assertThat(client.posted).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(ids).allMatch(id -> state(id) == DeliveryState.DELIVERED);
    }

    @Test
    void aRetryableFailureInAGroupPausesDeliveryAndLosesNothing() throws AssessmentException {
        List<UUID> ids = store(10);
        // The second group (results 4 to 6) has one the server cannot take now.
        Client client = new Client(Set.of(ids.get(4).toString()));
        Deliverer deliverer = deliverer(3);

        deliverer.round(client);

        assertThat(ids.subList(0, 4)).allMatch(id -> state(id) == DeliveryState.DELIVERED);
        assertThat(state(ids.get(4))).isEqualTo(DeliveryState.PENDING);
        assertThat(collector.find(ids.get(4)).orElseThrow().attempts()).isEqualTo(1);
        // Its group's others were answered and count; the rest were never sent.
        assertThat(state(ids.get(5))).isEqualTo(DeliveryState.DELIVERED);
        assertThat(ids.subList(6, 10)).allMatch(id -> state(id) == DeliveryState.PENDING);
        assertThat(client.posted).hasSize(6);
        assertThat(deliverer.report().backoffUntil()).isNotNull();
        assertThat(deliverer.report().lastError()).contains("HTTP 503");
    }

    private Deliverer deliverer(int concurrency) {
        DeliverySettings settings = new DeliverySettings(1000, Duration.ofSeconds(1), Duration.ofMillis(20),
                Duration.ofSeconds(1), false, concurrency);
        return new Deliverer(collector, settings, Clock.systemUTC(), new SplittableRandom(1), "test");
    }

    private List<UUID> store(int count) throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(collector.store(Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job",
                    Instant.now().minusSeconds(60))).result().resultId());
        }
        return ids;
    }

    private DeliveryState state(UUID id) {
        return collector.find(id).orElseThrow().state();
    }

    /** Answers each post after a little while, on a thread of its own; 503 for the ids it is told. */
    private final class Client implements ControlPlaneClient {

        final Set<String> unavailable;
        final Set<String> posted = ConcurrentHashMap.newKeySet();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        Client(Set<String> unavailable) {
            this.unavailable = unavailable;
        }

        @Override
        public CompletableFuture<Reply> post(String path, byte[] body, String idempotencyKey) {
            assertThat(path).isEqualTo(Deliverer.SINGLE_PATH);
            posted.add(idempotencyKey);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return unavailable.contains(idempotencyKey)
                        ? new Reply(503, "{\"errors\":{\"body\":\"busy\"}}".getBytes(StandardCharsets.UTF_8), null)
                        : new Reply(201, body, null);
            }, server);
        }
    }
}
