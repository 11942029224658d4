package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchDeliveryStoreTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void marksABatchDeliveredInOneCommitThatSurvivesAReopen() throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        UUID left;
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            for (int i = 0; i < 50; i++) {
                ids.add(store(store).resultId());
            }
            left = store(store).resultId();
            long before = store.version();

            store.markDelivered(ids);

            assertThat(store.version()).isEqualTo(before + 1);
            assertThat(store.backlog().pending()).isEqualTo(1);
        }
        try (MvResultStore reopened = MvResultStore.open(directory, clock)) {
            for (UUID id : ids) {
                StoredResult stored = reopened.find(id).orElseThrow();
                assertThat(stored.state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(stored.attempts()).isEqualTo(1);
            }
            assertThat(reopened.pending(10)).extracting(s -> s.result().resultId()).containsExactly(left);
        }
    }

    @Test
    void isIdempotentSkipsUnknownIdsAndDoesNotCommitWhenNothingChanges() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            UUID a = store(store).resultId();
            UUID parked = store(store).resultId();
            store.markParked(parked, "400 rejected");
            store.markDelivered(List.of(a, UUID.randomUUID()));
            long before = store.version();

            store.markDelivered(List.of(a, UUID.randomUUID()));
            store.markDelivered(List.of());

            assertThat(store.version()).isEqualTo(before);
            assertThat(store.find(a).orElseThrow().attempts()).isEqualTo(1);
            // A parked result the control plane accepted after all (a resend) is delivered.
            store.markDelivered(List.of(parked));
            assertThat(store.find(parked).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(store.backlog().parked()).isZero();
        }
    }

    @Test
    void listsParkedResultsNewestFirst() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            List<UUID> parked = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                UUID id = store(store).resultId();
                clock.advance(Duration.ofSeconds(1));
                store.markParked(id, "HTTP 422: invalid " + i);
                parked.add(id);
            }
            store(store);

            List<StoredResult> listed = store.parked(3);

            assertThat(listed).extracting(s -> s.result().resultId()).containsExactly(parked.get(3), parked.get(2),
                    parked.get(1));
            assertThat(listed.get(0).lastError()).isEqualTo("HTTP 422: invalid 3");
            assertThat(listed).allMatch(s -> s.state() == DeliveryState.PARKED);
            assertThatThrownBy(() -> store.parked(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void failedAttemptsKeepAResultPendingAndNeverParkIt() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            UUID id = store(store).resultId();
            for (int i = 0; i < 50; i++) {
                store.markFailed(id, "HTTP 503");
            }
            StoredResult stored = store.find(id).orElseThrow();
            assertThat(stored.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(stored.attempts()).isEqualTo(50);
            assertThat(stored.lastError()).isEqualTo("HTTP 503");
        }
    }

    @Test
    void marksABatchFailedInOneCommitLeavingDeliveredAndUnknownResultsAlone() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(store(store).resultId());
            }
            UUID delivered = ids.get(0);
            store.markDelivered(List.of(delivered));
            List<UUID> batch = new ArrayList<>(ids);
            batch.add(UUID.randomUUID());
            long before = store.version();

            store.markFailed(batch, " cannot reach the control plane ");

            assertThat(store.version()).isEqualTo(before + 1);
            for (UUID id : ids.subList(1, ids.size())) {
                StoredResult stored = store.find(id).orElseThrow();
                assertThat(stored.state()).isEqualTo(DeliveryState.PENDING);
                assertThat(stored.attempts()).isEqualTo(1);
                assertThat(stored.lastError()).isEqualTo("cannot reach the control plane");
            }
            StoredResult untouched = store.find(delivered).orElseThrow();
            assertThat(untouched.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(untouched.attempts()).isEqualTo(1);
            assertThat(store.backlog().pending()).isEqualTo(19);

            store.markFailed(List.of(delivered, UUID.randomUUID()), "HTTP 503");
            assertThat(store.version()).isEqualTo(before + 1);
        }
    }

    private AssessmentResult store(MvResultStore store) throws AssessmentException {
        clock.advance(Duration.ofMillis(1));
        AssessmentResult result = Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job",
                clock.instant());
        store.store(result);
        return result;
    }
}
