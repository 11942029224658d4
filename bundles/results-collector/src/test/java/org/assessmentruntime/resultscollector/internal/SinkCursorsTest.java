package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink's position in the store: independent of control-plane delivery, durable across reopening, and
 * holding back retention and the size cap from results the sink has not acknowledged.
 */
class SinkCursorsTest {

    private static final String SINK = "kafka";

    @TempDir
    Path directory;

    @Test
    void positionIsDurableAndIndependentOfDelivery() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<UUID> ids = new ArrayList<>();
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            for (int i = 0; i < 5; i++) {
                ids.add(store.store(result(i)).result().resultId());
            }
            store.markDelivered(ids.subList(0, 3));

            List<SinkRecord> batch = store.sinkBatch(SINK, 2);
            assertThat(batch).extracting(SinkRecord::resultId).containsExactly(ids.get(0), ids.get(1));
            assertThat(store.sinkBacklog(SINK)).isEqualTo(5);
            store.sinkAcked(SINK, batch.get(1).seq());
            store.sinkAcked(SINK, batch.get(0).seq()); // late and stale: no step back
            assertThat(store.sinkBacklog(SINK)).isEqualTo(3);
        }
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            assertThat(store.sinkBatch(SINK, 10)).extracting(SinkRecord::resultId).containsExactlyElementsOf(
                    ids.subList(2, 5));
            assertThat(store.backlog().pending()).isEqualTo(2); // the control plane's own state, untouched
        }
    }

    @Test
    void retentionKeepsWhatAHoldingSinkHasNotAcknowledged() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(store.store(result(i)).result().resultId());
            }
            store.markDelivered(ids);
            store.holdForSink(SINK, true);
            store.sinkAcked(SINK, store.sinkBatch(SINK, 1).get(0).seq());
            clock.advance(java.time.Duration.ofDays(100));

            assertThat(store.purgeDelivered(clock.instant())).isEqualTo(1);
            assertThat(store.find(ids.get(1))).isPresent();

            store.holdForSink(SINK, false); // the sink was turned off: no longer held
            assertThat(store.purgeDelivered(clock.instant())).isEqualTo(3);
        }
    }

    private static AssessmentResult result(int i) {
        return Fixtures.variant(Fixtures.ALL.get(i % Fixtures.ALL.size()), UUID.randomUUID(), "job",
                Instant.parse("2025-12-31T00:00:00Z").plusSeconds(i));
    }
}
