package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.referencecp.Fault;
import org.assessmentruntime.referencecp.RecordedRequest;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.internal.delivery.DeliveryRoute;
import org.assessmentruntime.resultscollector.internal.delivery.DeliverySettings;
import org.assessmentruntime.resultscollector.internal.delivery.DeliveryWakeRoute;
import org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The delivery routes in a real Camel context against the reference control plane, through a stand-in for
 * the authentication bundle's shared route.
 */
class DeliveryRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    private ReferenceControlPlane cp;
    private DefaultCamelContext camel;
    private ResultsCollectorService collector;
    private ResultsDelivery delivery;

    @AfterEach
    void stop() {
        stopRuntime();
        if (cp != null) {
            cp.close();
        }
    }

    @Test
    void deliversEveryResultInBatchesAndMarksThemDelivered() throws Exception {
        startCp(true);
        startRuntime(new DeliverySettings(50, Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(200),
                true));

        List<UUID> ids = storeResults(120);

        assertThat(cp.received().awaitEvidence(120, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        assertThat(cp.received().resultIds()).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString)
                .toList());
        assertThat(cp.received().duplicateEvidence()).isZero();
        assertThat(ids).allMatch(id -> collector.find(id).orElseThrow().state() == DeliveryState.DELIVERED);
        assertThat(paths()).contains("/api/evidence/batch");
        assertThat(collector.health().facts()).containsEntry("delivered", "120").containsKey("lastDeliveryAt")
                .doesNotContainKey("backoffUntil");
        JsonNode evidence = cp.received().evidence().get(0);
        assertThat(evidence.path("labels").path("_result").asText()).isIn(ids.stream().map(UUID::toString).toList());
        assertThat(evidence.path("status").path("state").asText()).isEqualTo("satisfied");
    }

    @Test
    void keepsResultsWhileTheControlPlaneIsDownAndDeliversEachOnceWhenItIsBack() throws Exception {
        startCp(true);
        cp.faults().down();
        startRuntime(settings(true));

        List<UUID> ids = storeResults(20);
        // The attempt is recorded on the result first, then the pause with its reason: wait for both.
        awaitTrue(() -> collector.find(ids.get(0)).orElseThrow().attempts() > 0
                && collector.health().facts().get("lastDeliveryError") != null);
        assertThat(collector.backlog().pending()).isEqualTo(20);
        assertThat(collector.health().facts().get("lastDeliveryError")).contains("cannot reach the control plane");
        List<UUID> more = storeResults(5);

        cp.faults().up();

        assertThat(cp.received().awaitEvidence(25, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        assertThat(cp.received().duplicateEvidence()).isZero();
        assertThat(cp.received().resultIds()).hasSize(25).contains(more.get(4).toString());
    }

    @Test
    void backsOffAfterServerErrorsAndDroppedConnectionsThenDelivers() throws Exception {
        startCp(true);
        cp.faults().inject("/api/evidence", Fault.status(500), 2);
        cp.faults().inject("/api/evidence", Fault.drop(), 1);
        startRuntime(settings(true));

        List<UUID> ids = storeResults(3);

        assertThat(cp.received().awaitEvidence(3, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        assertThat(statuses()).contains(500);
        assertThat(cp.received().duplicateEvidence()).isZero();
        assertThat(ids).anyMatch(id -> collector.find(id).orElseThrow().attempts() > 1);
    }

    @Test
    void aSuccessStatusWithAGarbageBodyIsNotTakenAsDeliveredAndIsSentAgain() throws Exception {
        startCp(true);
        cp.faults().inject("/api/evidence", Fault.garbage(), 2);
        startRuntime(settings(true));

        List<UUID> ids = storeResults(3);

        assertThat(cp.received().awaitEvidence(3, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        assertThat(cp.received().resultIds()).containsAll(ids.stream().map(UUID::toString).toList());
        assertThat(ids).allMatch(id -> collector.find(id).orElseThrow().attempts() > 1);
    }

    @Test
    void honoursRetryAfter() throws Exception {
        startCp(true);
        cp.faults().inject("/api/evidence", Fault.tooManyRequests(Duration.ofSeconds(1)), 1);
        startRuntime(settings(true));

        storeResults(1);

        assertThat(cp.received().awaitEvidence(1, WAIT)).isTrue();
        assertThat(cp.received().awaitRequests("/api/evidence", 2, WAIT)).isTrue();
        List<RecordedRequest> requests = evidenceRequests();
        assertThat(requests.get(0).status()).isEqualTo(429);
        RecordedRequest accepted = requests.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        // Without Retry-After the back-off (base 20 ms here) would have retried at once.
        assertThat(Duration.between(requests.get(0).at(), accepted.at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(900));
        assertThat(requests.indexOf(accepted)).isEqualTo(1);
    }

    @Test
    void parksOnlyTheResultTheControlPlaneRejects() throws Exception {
        startCp(false);
        cp.faults().inject("/api/evidence", Fault.status(400), 1);
        storeWithoutDelivery(3);

        startRuntime(settings(false));

        assertThat(cp.received().awaitEvidence(2, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        List<StoredResult> parked = collector.parked(10);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).lastError()).contains("HTTP 400").contains("injected fault");
        assertThat(cp.received().resultIds()).hasSize(2)
                .doesNotContain(parked.get(0).result().resultId().toString());
        assertThat(collector.backlog().parked()).isEqualTo(1);
        assertThat(collector.health().facts().get("lastDeliveryError")).contains("parked");
    }

    @Test
    void fallsBackToSingleRequestsForGoodWhenThereIsNoBatchEndpoint() throws Exception {
        startCp(false);
        storeWithoutDelivery(5);

        startRuntime(settings(true));

        assertThat(cp.received().awaitEvidence(5, WAIT)).isTrue();
        storeResults(4);
        assertThat(cp.received().awaitEvidence(9, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        assertThat(evidenceRequests()).filteredOn(r -> r.path().equals("/api/evidence/batch")).hasSize(1)
                .allMatch(r -> r.status() == 404);
        assertThat(evidenceRequests()).filteredOn(r -> r.path().equals("/api/evidence")).hasSize(9)
                .allMatch(r -> r.status() == 201 && r.headers().keySet().stream()
                        .anyMatch(h -> h.equalsIgnoreCase("Idempotency-Key")));
        assertThat(delivery.report().mode()).contains("one request per result");
    }

    @Test
    void aRefusedBatchIsDeliveredOneByOne() throws Exception {
        startCp(true);
        cp.faults().inject("/api/evidence/batch", Fault.status(400), 1);
        storeWithoutDelivery(5);

        startRuntime(settings(true));

        assertThat(cp.received().awaitEvidence(5, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        assertThat(collector.backlog().parked()).isZero();
        assertThat(evidenceRequests()).extracting(r -> r.path() + " " + r.status()).startsWith(
                "/api/evidence/batch 400", "/api/evidence 201");
        assertThat(delivery.report().mode()).contains("batches");
    }

    @Test
    void aRestartResumesWhatIsPendingAndNeverResendsWhatWasDelivered() throws Exception {
        startCp(true);
        // Standalone first: no control plane configured, results only kept.
        collector = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 30, 512,
                10_000), Clock.systemUTC(), null);
        assertThat(collector.health().facts()).containsEntry("delivery", DeliveryReport.STANDALONE);
        List<UUID> early = storeResults(5);
        collector.deactivate();
        collector = null;

        startRuntime(settings(true));
        assertThat(cp.received().awaitEvidence(5, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);
        List<UUID> late = storeWithoutWaking(4);
        stopRuntime();

        startRuntime(settings(true));
        assertThat(cp.received().awaitEvidence(9, WAIT)).isTrue();
        awaitTrue(() -> collector.backlog().pending() == 0);

        assertThat(cp.received().evidenceRequests()).isEqualTo(9);
        assertThat(cp.received().duplicateEvidence()).isZero();
        assertThat(cp.received().resultIds()).contains(early.get(0).toString(), late.get(3).toString());
    }

    private void startCp(boolean batch) throws Exception {
        cp = ReferenceControlPlane.builder().requireToken(false).batchEndpoint(batch).start();
    }

    private static DeliverySettings settings(boolean batch) {
        return new DeliverySettings(100, Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(200), batch);
    }

    private void startRuntime(DeliverySettings settings) throws Exception {
        collector = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 30, 512,
                10_000), Clock.systemUTC(), null);
        delivery = new ResultsDelivery(collector, settings, Clock.systemUTC(), new SplittableRandom(1),
                cp.baseUri().toString());
        collector.bindDelivery(delivery);
        camel = new DefaultCamelContext();
        String base = cp.baseUri().toString().replaceAll("/$", "");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Stand-in for the authentication bundle's shared route.
                from(ControlPlaneConnection.ENDPOINT).routeId(ControlPlaneConnection.ROUTE_ID)
                        .setHeader("Content-Type", constant("application/json"))
                        .to(base + "?throwExceptionOnFailure=false");
            }
        });
        camel.addRoutes(new DeliveryRoute(delivery));
        camel.addRoutes(new DeliveryWakeRoute(delivery));
        camel.start();
        assertThat(camel.getRoute(DeliveryRoute.ROUTE_ID)).isNotNull();
        assertThat(camel.getRoute(DeliveryWakeRoute.ROUTE_ID)).isNotNull();
    }

    private void stopRuntime() {
        if (camel != null) {
            camel.stop();
            camel = null;
        }
        if (delivery != null) {
            collector.unbindDelivery(delivery);
            delivery = null;
        }
        if (collector != null) {
            collector.deactivate();
            collector = null;
        }
    }

    /** Results stored before delivery starts: pending at start-up. */
    private List<UUID> storeWithoutDelivery(int count) throws AssessmentException {
        ResultsCollectorService standalone = new ResultsCollectorService(ResultsCollectorServiceTest.config(
                directory.toString(), 30, 512, 10_000), Clock.systemUTC(), null);
        collector = standalone;
        try {
            return storeResults(count);
        } finally {
            standalone.deactivate();
            collector = null;
        }
    }

    /** Results stored while delivery is stopped (between the send and the restart). */
    private List<UUID> storeWithoutWaking(int count) throws Exception {
        collector.unbindDelivery(delivery);
        camel.getRouteController().stopRoute(DeliveryRoute.ROUTE_ID);
        camel.getRouteController().stopRoute(DeliveryWakeRoute.ROUTE_ID);
        return storeResults(count);
    }

    private List<UUID> storeResults(int count) throws AssessmentException {
        List<UUID> ids = new ArrayList<>();
        Instant end = Instant.now().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            String fixture = Fixtures.ALL.get(i % Fixtures.ALL.size());
            AssessmentResult result = Fixtures.variant(fixture, UUID.randomUUID(), "job-" + (i % 7), end);
            collector.store(result);
            ids.add(result.resultId());
        }
        return ids;
    }

    private List<RecordedRequest> evidenceRequests() {
        return cp.received().requests().stream().filter(r -> r.path().startsWith("/api/evidence")).toList();
    }

    private List<String> paths() {
        return evidenceRequests().stream().map(RecordedRequest::path).toList();
    }

    private List<Integer> statuses() {
        return evidenceRequests().stream().map(RecordedRequest::status).toList();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
