package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's outbox: bodies kept with their results, served while pending, dropped once delivered. */
class OutboxTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final List<UUID> rendered = new ArrayList<>();
    private final Function<AssessmentResult, byte[]> render = result -> {
        rendered.add(result.resultId());
        return body("late " + result.resultId());
    };

    @Test
    void servesTheStoredBodiesOldestFirstAndRendersOnlyResultsStoredWithout() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            UUID a = store(store, body("a")).resultId();
            UUID withoutBody = store(store, null).resultId();
            UUID c = store(store, body("c")).resultId();

            List<Outgoing> outgoing = store.outgoing(Outbox.FIRST, 10, render);

            assertThat(outgoing).extracting(Outgoing::resultId).containsExactly(a, withoutBody, c);
            assertThat(outgoing).extracting(OutboxTest::text)
                    .containsExactly("\"a\"", "\"late " + withoutBody + "\"", "\"c\"");
            assertThat(rendered).containsExactly(withoutBody);
            assertThat(store.outgoing(Outbox.FIRST, 2, render)).extracting(Outgoing::resultId)
                    .containsExactly(a, withoutBody);
            // Reading on after a batch still pending (on its way): the next one.
            assertThat(store.outgoing(outgoing.get(0).seq(), 10, render)).extracting(Outgoing::resultId)
                    .containsExactly(withoutBody, c);
            assertThat(store.outgoing(outgoing.get(2).seq(), 10, render)).isEmpty();
        }
    }

    @Test
    void aResultThatCannotBeRenderedIsServedWithTheReasonAndStaysPending() throws AssessmentException {
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            UUID id = store(store, null).resultId();

            List<Outgoing> outgoing = store.outgoing(Outbox.FIRST, 10, result -> {
                throw new IllegalStateException("title is too long");
            });

            assertThat(outgoing).singleElement().satisfies(o -> {
                assertThat(o.resultId()).isEqualTo(id);
                assertThat(o.body()).isNull();
                assertThat(o.error()).isEqualTo("title is too long");
            });
            assertThat(store.find(id).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
        }
    }

    @Test
    void bodiesSurviveAReopenAndGoOnceDeliveredButNotWhenParked() throws AssessmentException {
        UUID delivered;
        UUID parked;
        UUID pending;
        try (MvResultStore store = MvResultStore.open(directory, clock)) {
            delivered = store(store, body("d")).resultId();
            parked = store(store, body("p")).resultId();
            pending = store(store, body("q")).resultId();
            store.markDelivered(List.of(delivered));
            store.markParked(parked, "HTTP 400");
            assertThat(store.outgoing(Outbox.FIRST, 10, render)).extracting(Outgoing::resultId)
                    .containsExactly(pending);
        }
        try (MvResultStore reopened = MvResultStore.open(directory, clock)) {
            reopened.requeue(parked);
            assertThat(reopened.outgoing(Outbox.FIRST, 10, render)).extracting(OutboxTest::text)
                    .containsExactly("\"p\"", "\"q\"");
            assertThat(rendered).isEmpty();
            // The delivered result itself is kept, for queries and export.
            assertThat(reopened.find(delivered)).isPresent();
        }
        MVStore raw = new MVStore.Builder().fileName(directory.resolve(MvResultStore.FILE_NAME).toString())
                .readOnly().open();
        try {
            assertThat(raw.openMap("outgoing", new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                    .valueType(ByteArrayDataType.INSTANCE)).size()).isEqualTo(2);
        } finally {
            raw.close();
        }
    }

    @Test
    void theCollectorStoresWhatItsDeliveryRendersAndNothingWithoutOne() throws AssessmentException {
        ResultsCollectorService collector = new ResultsCollectorService(ResultsCollectorServiceTest.config(
                directory.toString(), 30, 512, 10_000), clock, null);
        try {
            UUID standalone = collector.store(result()).result().resultId();
            DeliveryMonitor monitor = new DeliveryMonitor() {
                @Override
                public byte[] render(AssessmentResult result) {
                    return body("early " + result.resultId());
                }

                @Override
                public void wake() {
                }

                @Override
                public DeliveryReport report() {
                    return null;
                }
            };
            collector.bindDelivery(monitor);
            UUID connected = collector.store(result()).result().resultId();

            assertThat(collector.outgoing(Outbox.FIRST, 10, render)).extracting(OutboxTest::text)
                    .containsExactly("\"late " + standalone + "\"", "\"early " + connected + "\"");
        } finally {
            collector.deactivate();
        }
    }

    private AssessmentResult store(MvResultStore store, byte[] body) throws AssessmentException {
        AssessmentResult result = result();
        store.store(result, body);
        return result;
    }

    private AssessmentResult result() {
        clock.advance(Duration.ofMillis(1));
        return Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job", clock.instant());
    }

    private static String text(Outgoing outgoing) {
        return new String(outgoing.body(), StandardCharsets.UTF_8);
    }

    private static byte[] body(String text) {
        return ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
    }
}
