package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's layout: results by sequence number, delivery apart from them, the layout's version. */
class StoreLayoutTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void markingABatchDeliveredRewritesNeitherResultsNorTheirEntries() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(store(store, "job").resultId());
            }
            long results = store.rootPosition("results");
            long entries = store.rootPosition("entries");
            long deliveries = store.rootPosition("deliveries");

            store.markDelivered(ids.subList(0, 30));
            store.markFailed(ids.subList(30, 60), "HTTP 503");
            store.markParked(ids.get(30), "rejected");
            store.requeue(ids.get(30));

            // A map that a commit changed has its root page somewhere new; the others stay where they were.
            assertThat(store.rootPosition("deliveries")).isNotEqualTo(deliveries);
            assertThat(store.rootPosition("results")).isEqualTo(results);
            assertThat(store.rootPosition("entries")).isEqualTo(entries);
            assertThat(store.find(ids.get(0)).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(store.find(ids.get(30)).orElseThrow().attempts()).isZero();
            assertThat(store.find(ids.get(31)).orElseThrow().lastError()).isEqualTo("HTTP 503");
        }
    }

    @Test
    void pendingIsInStorageOrderAcrossReopensAndAfterTheNewestWereDropped() throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            for (int i = 0; i < 5; i++) {
                ids.add(store(store, "job").resultId());
            }
        }
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            for (int i = 0; i < 5; i++) {
                ids.add(store(store, "job").resultId());
            }
            assertThat(store.pending(100)).extracting(s -> s.result().resultId()).containsExactlyElementsOf(ids);

            // The newest results delivered and dropped: their numbers may be handed out again, to new
            // results that must not meet anything of the old ones.
            List<UUID> newest = ids.subList(7, 10);
            store.markDelivered(newest);
            clock.advance(Duration.ofDays(1));
            assertThat(store.purgeDelivered(clock.instant())).isEqualTo(3);
            AssessmentResult next = store(store, "next");
            StoredResult found = store.find(next.resultId()).orElseThrow();
            assertThat(found.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(found.attempts()).isZero();
            assertThat(newest).allSatisfy(id -> assertThat(store.find(id)).isEmpty());
            assertThat(store.pending(100)).extracting(s -> s.result().resultId())
                    .containsExactlyElementsOf(concat(ids.subList(0, 7), next.resultId()));
            assertThat(store.query(new ResultQuery("next", "", null, null, null, 10)))
                    .extracting(s -> s.result().resultId()).containsExactly(next.resultId());
            assertThat(store.backlog().pending()).isEqualTo(8);
            assertThat(store.backlog().oldestPending()).isEqualTo(store.find(ids.get(0)).orElseThrow().storedAt());
        }
    }

    @Test
    void resultsEndingAtTheSameTimeAreListedNewestStoredFirst() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            Instant end = clock.instant();
            UUID run = UUID.randomUUID();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AssessmentResult result = Fixtures.variant(Fixtures.SSHD_FAIL, run, "job", end);
                store.store(result);
                ids.add(result.resultId());
            }
            assertThat(store.query(ResultQuery.latest(10))).extracting(s -> s.result().resultId())
                    .containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));
            assertThat(store.run(run)).extracting(s -> s.result().resultId()).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void aStoreOfTheEarlierLayoutIsRefusedAndLeftAsItWas() throws Exception {
        Path file = directory.resolve(MvResultStore.FILE_NAME);
        // What the first layout looked like: results and entries as text under result ids, no version.
        MVStore old = new MVStore.Builder().fileName(file.toString()).compress().open();
        MVMap<String, String> entries = old.openMap("entries");
        entries.put(UUID.randomUUID().toString(), "{\"state\":\"PENDING\"}");
        old.close();
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> MvResultStore.open(directory, clock)).isInstanceOf(AssessmentException.class)
                .hasMessageContaining(directory.toString()).hasMessageContaining("layout")
                .hasMessageContaining("move the directory");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        // Refused, but released: the file is not left locked.
        MVStore again = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        assertThat(again.getMapNames()).contains("entries").doesNotContain("layout");
        again.close();
    }

    @Test
    void aNewStoreIsStampedWithItsLayoutAndOpensAgain() throws AssessmentException {
        MvResultStore.open(directory, clock).close();
        MVStore raw = new MVStore.Builder().fileName(directory.resolve(MvResultStore.FILE_NAME).toString())
                .readOnly().open();
        MVMap<String, String> layout = raw.openMap("layout");
        assertThat(layout.get("version")).isEqualTo(Layout.VERSION);
        raw.close();
        MvResultStore.open(directory, clock).close();
    }

    @Test
    void sequenceKeysSortLikeTheirNumbers() {
        assertThat(Keys.seq(0)).isEqualTo("0000000000000000000");
        assertThat(Keys.seq(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(Keys.seq(9).compareTo(Keys.seq(10))).isNegative();
        assertThat(Keys.seq(Keys.of("job", Keys.time(Instant.EPOCH), Keys.seq(1234567)))).isEqualTo(1234567);
    }

    private AssessmentResult store(MvResultStore store, String job) throws AssessmentException {
        clock.advance(Duration.ofMillis(1));
        AssessmentResult result = Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), job, clock.instant());
        store.store(result);
        return result;
    }

    private static List<UUID> concat(List<UUID> first, UUID last) {
        List<UUID> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }
}
