package org.assessmentruntime.resultscollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.internal.MvResultStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    /** The store as the collector and its delivery see it: the outbox's methods are tested here too. */
    private MvResultStore store;

    @BeforeEach
    void open() throws AssessmentException {
        store = (MvResultStore) ResultStores.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storesEveryFixtureAndFindsItUnchangedAsPending() throws AssessmentException {
        for (String name : Fixtures.ALL) {
            AssessmentResult result = Fixtures.load(name);
            StoredResult stored = store.store(result);

            assertThat(stored.result()).isEqualTo(result);
            assertThat(stored.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(stored.attempts()).isZero();
            assertThat(stored.lastAttemptAt()).isNull();
            assertThat(store.find(result.resultId())).contains(stored);
        }
        assertThat(store.find(UUID.randomUUID())).isEmpty();
        assertThat(store.sizeBytes()).isPositive();
        assertThat(store.directory()).isEqualTo(dir);
    }

    @Test
    void storingTheSameResultAgainReturnsTheStoredEntryUnchanged() throws AssessmentException {
        AssessmentResult result = Fixtures.load(Fixtures.SSHD_FAIL);
        StoredResult first = store.store(result);
        store.markFailed(result.resultId(), "control plane unreachable");
        clock.advance(Duration.ofMinutes(5));

        StoredResult again = store.store(result);

        assertThat(again.storedAt()).isEqualTo(first.storedAt());
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.lastError()).isEqualTo("control plane unreachable");
        assertThat(store.backlog().pending()).isEqualTo(1);
    }

    @Test
    void pendingServesTheOldestFirstEvenWhenStoredAtTheSameInstant() throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                clock.advance(Duration.ofSeconds(1));
            }
            // Three results within the same clock tick, then three in the next.
            ids.add(store.store(Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job", T0))
                    .result().resultId());
        }

        assertThat(store.pending(4)).extracting(s -> s.result().resultId()).containsExactlyElementsOf(ids.subList(0, 4));
        store.markDelivered(ids.get(0));
        store.markParked(ids.get(1), "rejected");
        assertThat(store.pending(10)).extracting(s -> s.result().resultId()).containsExactlyElementsOf(ids.subList(2, 6));
        assertThatThrownBy(() -> store.pending(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveryStatesMoveAsTheDeliveryReportsAndTheBacklogFollows() throws AssessmentException {
        UUID a = store.store(Fixtures.load(Fixtures.OS_BASELINE_PASS)).result().resultId();
        clock.advance(Duration.ofSeconds(1));
        UUID b = store.store(Fixtures.load(Fixtures.SSHD_FAIL)).result().resultId();
        clock.advance(Duration.ofSeconds(1));
        UUID c = store.store(Fixtures.load(Fixtures.SSHD_ERROR)).result().resultId();
        assertThat(store.backlog()).isEqualTo(new DeliveryBacklog(3, 0, T0));

        clock.advance(Duration.ofMinutes(1));
        Instant attempt = clock.instant();
        store.markFailed(a, "timeout");
        assertThat(store.find(a).orElseThrow()).satisfies(s -> {
            assertThat(s.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.lastError()).isEqualTo("timeout");
            assertThat(s.lastAttemptAt()).isEqualTo(attempt);
        });

        store.markDelivered(a);
        StoredResult delivered = store.find(a).orElseThrow();
        assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.lastError()).isEmpty();
        // Idempotent, and a late failure report does not undo a delivery.
        store.markDelivered(a);
        store.markFailed(a, "late timeout");
        store.markParked(a, "late rejection");
        assertThat(store.find(a)).contains(delivered);

        store.markParked(b, "400 invalid evidence");
        assertThat(store.find(b).orElseThrow().state()).isEqualTo(DeliveryState.PARKED);
        assertThat(store.backlog()).isEqualTo(new DeliveryBacklog(1, 1, T0.plusSeconds(2)));

        store.requeue(b);
        StoredResult requeued = store.find(b).orElseThrow();
        assertThat(requeued.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(requeued.attempts()).isZero();
        assertThat(requeued.lastError()).isEqualTo("400 invalid evidence");
        assertThat(store.pending(10)).extracting(s -> s.result().resultId()).containsExactly(b, c);
        assertThat(store.backlog()).isEqualTo(new DeliveryBacklog(2, 0, T0.plusSeconds(1)));

        assertThatThrownBy(() -> store.requeue(c)).isInstanceOf(AssessmentException.class)
                .isNotInstanceOf(NotFoundException.class).hasMessageContaining("PENDING");
    }

    @Test
    void changesToUnknownResultsAreNotFound() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> store.markDelivered(unknown)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
        assertThatThrownBy(() -> store.markFailed(unknown, "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.markParked(unknown, "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.requeue(unknown)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void queriesFilterByJobPluginStatusAndTimeNewestFirst() throws AssessmentException {
        UUID run1 = UUID.randomUUID();
        UUID run2 = UUID.randomUUID();
        AssessmentResult pass1 = store(Fixtures.variant(Fixtures.OS_BASELINE_PASS, run1, "nightly", T0.plusSeconds(10)));
        AssessmentResult fail1 = store(Fixtures.variant(Fixtures.SSHD_FAIL, run1, "nightly", T0.plusSeconds(20)));
        AssessmentResult error2 = store(Fixtures.variant(Fixtures.SSHD_ERROR, run2, "hourly", T0.plusSeconds(30)));
        AssessmentResult pass2 = store(Fixtures.variant(Fixtures.OS_BASELINE_PASS, run2, "hourly", T0.plusSeconds(40)));

        assertThat(ids(store.query(ResultQuery.latest(10)))).containsExactly(pass2.resultId(), error2.resultId(),
                fail1.resultId(), pass1.resultId());
        assertThat(ids(store.query(ResultQuery.latest(2)))).containsExactly(pass2.resultId(), error2.resultId());
        assertThat(ids(store.query(new ResultQuery("nightly", null, null, null, null, 0))))
                .containsExactly(fail1.resultId(), pass1.resultId());
        assertThat(ids(store.query(new ResultQuery(null, "examples/sshd-hardening", null, null, null, 0))))
                .containsExactly(error2.resultId(), fail1.resultId());
        assertThat(ids(store.query(new ResultQuery(null, null, ResultStatus.PASS, null, null, 0))))
                .containsExactly(pass2.resultId(), pass1.resultId());
        // from is inclusive, to exclusive, on the end of the run.
        assertThat(ids(store.query(new ResultQuery(null, null, null, T0.plusSeconds(20), T0.plusSeconds(40), 0))))
                .containsExactly(error2.resultId(), fail1.resultId());
        assertThat(ids(store.query(new ResultQuery("hourly", "examples/os-baseline", ResultStatus.PASS,
                T0.plusSeconds(40), null, 0)))).containsExactly(pass2.resultId());
        assertThat(ids(store.query(new ResultQuery("hourly", null, ResultStatus.FAIL, null, null, 0)))).isEmpty();
        assertThat(ids(store.query(new ResultQuery("nope", null, null, null, null, 0)))).isEmpty();

        assertThat(ids(store.run(run1))).containsExactly(pass1.resultId(), fail1.resultId());
        assertThat(store.run(UUID.randomUUID())).isEmpty();
    }

    @Test
    void retentionDropsOnlyOldDeliveredResults() throws AssessmentException {
        AssessmentResult oldDelivered = store(Fixtures.variant(Fixtures.SSHD_FAIL, UUID.randomUUID(), "job", T0));
        AssessmentResult oldPending = store(Fixtures.variant(Fixtures.SSHD_FAIL, UUID.randomUUID(), "job", T0));
        AssessmentResult oldParked = store(Fixtures.variant(Fixtures.SSHD_FAIL, UUID.randomUUID(), "job", T0));
        clock.advance(Duration.ofDays(40));
        AssessmentResult newDelivered = store(Fixtures.variant(Fixtures.SSHD_FAIL, UUID.randomUUID(), "job", T0));
        store.markDelivered(oldDelivered.resultId());
        store.markParked(oldParked.resultId(), "rejected");
        store.markDelivered(newDelivered.resultId());

        int dropped = store.purgeDelivered(clock.instant().minus(Duration.ofDays(30)));

        assertThat(dropped).isEqualTo(1);
        assertThat(store.find(oldDelivered.resultId())).isEmpty();
        assertThat(store.find(oldPending.resultId())).isPresent();
        assertThat(store.find(oldParked.resultId())).isPresent();
        assertThat(store.find(newDelivered.resultId())).isPresent();
        // Its index entries went with it.
        assertThat(ids(store.query(ResultQuery.latest(10)))).doesNotContain(oldDelivered.resultId()).hasSize(3);
        assertThat(store.run(oldDelivered.runId())).isEmpty();
        assertThat(store.purgeDelivered(clock.instant().minus(Duration.ofDays(30)))).isZero();
    }

    @Test
    void everythingIsThereAfterReopening() throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        for (String name : Fixtures.ALL) {
            ids.add(store(Fixtures.load(name)).resultId());
        }
        store.markDelivered(ids.get(0));
        store.markParked(ids.get(1), "rejected");
        StoredResult failed = store.find(ids.get(2)).orElseThrow();
        DeliveryBacklog backlog = store.backlog();
        store.close();
        store.close();

        // The clock went back (e.g. NTP): new results still sort after the stored ones.
        clock.set(T0.minus(Duration.ofHours(1)));
        store = (MvResultStore) ResultStores.open(dir, clock);

        assertThat(store.backlog()).isEqualTo(backlog);
        assertThat(store.find(ids.get(0)).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(store.find(ids.get(1)).orElseThrow().state()).isEqualTo(DeliveryState.PARKED);
        assertThat(store.find(ids.get(2))).contains(failed);
        UUID later = store(Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job", T0)).resultId();
        assertThat(store.pending(10)).extracting(s -> s.result().resultId()).endsWith(later).hasSize(4);
    }

    @Test
    void anInterruptedCallerDoesNotBreakTheStoreForOthers() throws Exception {
        // The JDK closes a FileChannel for good when a thread is interrupted during its I/O.
        AssessmentResult first = Fixtures.load(Fixtures.SSHD_FAIL);
        List<Object> outcome = new ArrayList<>();
        Thread caller = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                outcome.add(store.store(first));
                outcome.add(store.find(first.resultId()).isPresent());
                outcome.add(Thread.currentThread().isInterrupted());
            } catch (AssessmentException | RuntimeException e) {
                outcome.add(e);
            }
        });
        caller.start();
        caller.join();

        assertThat(outcome).hasSize(3).endsWith(true, true);
        AssessmentResult second = Fixtures.load(Fixtures.OS_BASELINE_PASS);
        store.store(second);
        store.close();
        store = (MvResultStore) ResultStores.open(dir, clock);
        assertThat(store.find(first.resultId())).isPresent();
        assertThat(store.find(second.resultId())).isPresent();
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> ResultStores.open(dir)).isInstanceOf(AssessmentException.class)
                .hasMessageContaining("in use");
    }

    private AssessmentResult store(AssessmentResult result) throws AssessmentException {
        return store.store(result).result();
    }

    private static List<UUID> ids(List<StoredResult> results) {
        return results.stream().map(s -> s.result().resultId()).toList();
    }
}
