package org.assessmentruntime.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.authentication.internal.ControlPlaneConfig;
import org.assessmentruntime.authentication.internal.LinkAccess;
import org.assessmentruntime.referencecp.Fault;
import org.assessmentruntime.referencecp.Pki;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.ResultStores;
import org.assessmentruntime.resultscollector.internal.CollectorAccess;
import org.assessmentruntime.resultscollector.internal.CollectorConfig;
import org.assessmentruntime.resultscollector.internal.Json;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.assessmentruntime.resultscollector.internal.delivery.DeliveryRoute;
import org.assessmentruntime.resultscollector.internal.delivery.DeliverySettings;
import org.assessmentruntime.resultscollector.internal.delivery.DeliveryWakeRoute;
import org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery;
import org.h2.mvstore.MVStoreTool;

/**
 * Benchmark 4, result delivery: results per second from the durable store (the collector's MVStore,
 * every change committed and synced: one sync per delivered batch) to the reference control plane on
 * loopback, through the collector's own delivery routes in a Camel context, and the backlog's drain
 * rate after an outage.
 *
 * <p>The authentication bundle's shared route ({@link ControlPlaneConnection#ENDPOINT}) is replaced by
 * a stand-in that sets {@code Content-Type} and, as the real route does, {@code Connection: close} (a
 * connection per request), and posts with camel-http, as the collector's own DeliveryRouteTest does; the
 * reference control plane runs without tokens. So the figures exclude the bearer token (a header) and
 * TLS (a handshake per request on the real route).
 *
 * <p>Each round opens a copy of one store holding {@code N} pending results (stored once, each with its
 * own sync, the time of which is reported too), starts the collector and delivery on it, and times until
 * the store reports none pending; then checks that the control plane received each result exactly once.
 */
final class DeliveryScenario {

    private static final Duration WAIT = Duration.ofSeconds(180);
    /** The collector's default {@code deliveryBatchSize}. */
    private static final int DEFAULT_BATCH = 1000;
    /** The collector's default {@code deliveryConcurrency} (requests in flight, one result each). */
    private static final int DEFAULT_CONCURRENCY = 4;
    /** The control plane's added answer time in the "remote" variants: a round trip across a network. */
    static final Duration LATENCY = Duration.ofMillis(5);
    private static final String CLIENT_ID = "benchmark-runtime";
    private static final String CLIENT_SECRET = "benchmark-secret";
    private static final List<String> FIXTURES = List.of("os-baseline-pass", "sensitive-files-pass",
            "sshd-hardening-fail", "tls-cert-expiry-fail", "sshd-hardening-error");

    private final Path work;
    private final int results;
    private final int rounds;
    private final List<ScenarioFigure> figures = new ArrayList<>();

    DeliveryScenario(Path work, boolean quick) {
        this.work = work;
        this.results = quick ? 2_000 : 10_000;
        this.rounds = quick ? 1 : 3;
    }

    List<ScenarioFigure> run() throws Exception {
        Path template = work.resolve("template");
        long stored = storeTemplate(template, true);
        log("stored %d results in %d ms (one sync each, evidence rendered)", results, stored / 1_000_000);
        figures.add(new ScenarioFigure("delivery.store", "results/s", new double[] {results / (stored / 1e9)},
                results));
        // The same results stored while no control plane was configured: no evidence kept with them.
        Path plain = work.resolve("template-standalone");
        storeTemplate(plain, false);

        // The first round only warms the JIT up (Jackson, MVStore, Camel, HttpClient).
        round(template, "warm-up", Receiver.REFERENCE, DEFAULT_BATCH, results, DEFAULT_CONCURRENCY);
        figures.add(rounds(template, "delivery.batch100", Receiver.REFERENCE, 100, results));
        figures.add(rounds(template, "delivery.batch1000", Receiver.REFERENCE, DEFAULT_BATCH, results));
        figures.add(rounds(template, "delivery.sink.batch1000", Receiver.SINK, DEFAULT_BATCH, results));
        figures.add(rounds(plain, "delivery.standalone.batch1000", Receiver.REFERENCE, DEFAULT_BATCH, results));
        // One request per result is slower: timed over the first fifth of the backlog only.
        figures.add(rounds(template, "delivery.single", Receiver.REFERENCE_WITHOUT_BATCH, DEFAULT_BATCH,
                results / 5));
        figures.add(rounds(template, "delivery.single.c1", Receiver.REFERENCE_WITHOUT_BATCH, DEFAULT_BATCH,
                results / 5, 1));
        // With a network's round trip, one at a time waits out every answer: the first 500 only.
        figures.add(rounds(template, "delivery.single.remote", Receiver.REFERENCE_WITHOUT_BATCH_REMOTE,
                DEFAULT_BATCH, results / 20));
        figures.add(rounds(template, "delivery.single.remote.c1", Receiver.REFERENCE_WITHOUT_BATCH_REMOTE,
                DEFAULT_BATCH, results / 20, 1));
        // Through the real control-plane link (token, mTLS, kept-alive connections), one request per result.
        figures.add(rounds(template, "delivery.link.tls", Receiver.LINK_TLS, DEFAULT_BATCH, results / 5));
        figures.add(rounds(template, "delivery.link.tls.remote", Receiver.LINK_TLS_REMOTE, DEFAULT_BATCH,
                results / 20));

        double[] drain = new double[rounds];
        double[] resume = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double[] outage = roundAfterOutage(template, "outage-" + i);
            drain[i] = outage[0];
            resume[i] = outage[1];
        }
        figures.add(new ScenarioFigure("delivery.drain", "results/s", drain, results));
        figures.add(new ScenarioFigure("delivery.resume", "ms", resume, results));
        return figures;
    }

    private ScenarioFigure rounds(Path template, String key, Receiver receiver, int batch, int count)
            throws Exception {
        return rounds(template, key, receiver, batch, count, DEFAULT_CONCURRENCY);
    }

    private ScenarioFigure rounds(Path template, String key, Receiver receiver, int batch, int count,
            int concurrency) throws Exception {
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = round(template, key + "-" + i, receiver, batch, count, concurrency);
        }
        return new ScenarioFigure(key, "results/s", rates, count);
    }

    /**
     * Stores the results once, each with its own commit and sync: with a control plane configured, as the
     * runtime does (through the collector, its delivery bound, which renders each result's evidence to be
     * kept with it; delivery's routes are not started, so everything stays pending), or else through the
     * public store API, as a standalone runtime keeps them.
     */
    private long storeTemplate(Path directory, boolean connected) throws Exception {
        List<AssessmentResult> fixtures = FIXTURES.stream().map(DeliveryScenario::fixture).toList();
        Instant end = Instant.now().minusSeconds(60);
        long start = System.nanoTime();
        if (connected) {
            CollectorConfig config = Configs.of(CollectorConfig.class, Map.of("dataDirectory", directory.toString()));
            ResultsCollectorService collector = new ResultsCollectorService(config);
            try {
                CollectorAccess.bind(collector, new ResultsDelivery(collector, DeliverySettings.of(config),
                        Clock.systemUTC(), new SplittableRandom(), "http://127.0.0.1:9/"));
                for (int i = 0; i < results; i++) {
                    collector.store(variant(fixtures.get(i % fixtures.size()), "job-" + (i % 7), end));
                }
            } finally {
                CollectorAccess.deactivate(collector);
            }
        } else {
            try (ResultStore store = ResultStores.open(directory)) {
                for (int i = 0; i < results; i++) {
                    store.store(variant(fixtures.get(i % fixtures.size()), "job-" + (i % 7), end));
                }
            }
        }
        long took = System.nanoTime() - start;
        // Each commit appends a chunk (~50 KB per stored result, about 20 times the live data): rewritten
        // compactly once here so that the rounds' copies are quick. Delivery itself reads and commits alike.
        Path file = directory.resolve(ResultStores.FILE_NAME);
        long before = Files.size(file);
        MVStoreTool.compact(file.toString(), true);
        log("store file %d MB, %d MB after compaction", before >> 20, Files.size(file) >> 20);
        return took;
    }

    /** Delivers {@code count} results of the backlog (all: until none is pending); returns results/s. */
    private double round(Path template, String name, Receiver receiver, int batch, int count, int concurrency)
            throws Exception {
        try (Runtime runtime = new Runtime(copy(template, name), receiver, batch, concurrency)) {
            long start = System.nanoTime();
            runtime.startDelivery();
            await(() -> runtime.collector.backlog().pending() <= results - count, count + " delivered");
            long took = System.nanoTime() - start;
            long delivered = results - runtime.collector.backlog().pending();
            runtime.checkReceivedOnce((int) delivered);
            double rate = delivered / (took / 1e9);
            log("%s: %d results in %d ms: %.0f results/s", name, delivered, took / 1_000_000, rate);
            return rate;
        }
    }

    /**
     * The control plane down while delivery starts (so every result is pending and delivery backs off),
     * then up again: returns the drain rate (results/s from the first batch accepted until none is
     * pending) and the time from the control plane being up to that first batch (the back-off).
     */
    private double[] roundAfterOutage(Path template, String name) throws Exception {
        try (Runtime runtime = new Runtime(copy(template, name), Receiver.REFERENCE, DEFAULT_BATCH,
                DEFAULT_CONCURRENCY)) {
            runtime.cp.faults().down();
            runtime.startDelivery();
            await(() -> !runtime.delivery.report().lastError().isEmpty(), "a failed delivery attempt");
            Thread.sleep(2_000);
            long up = System.nanoTime();
            runtime.cp.faults().up();
            long first = 0;
            long left = results;
            while (true) {
                long pending = runtime.collector.backlog().pending();
                long now = System.nanoTime();
                if (first == 0 && pending < results) {
                    first = now;
                    left = pending;
                }
                if (pending == 0) {
                    break;
                }
                if (now - up > WAIT.toNanos()) {
                    throw new IllegalStateException("the backlog did not drain within " + WAIT + ": " + pending
                            + " pending");
                }
                Thread.sleep(1);
            }
            long end = System.nanoTime();
            runtime.checkReceivedOnce(results);
            double rate = left / ((end - first) / 1e9);
            double resume = (first - up) / 1e6;
            log("outage %s: first batch %.0f ms after the control plane was up; then %d results in %d ms: %.0f "
                    + "results/s", name, resume, left, (end - first) / 1_000_000, rate);
            return new double[] {rate, resume};
        }
    }

    private Path copy(Path template, String name) throws IOException {
        Path directory = work.resolve(name);
        Files.createDirectories(directory);
        Files.copy(template.resolve(ResultStores.FILE_NAME), directory.resolve(ResultStores.FILE_NAME));
        return directory;
    }

    /** Who receives the evidence. */
    enum Receiver {
        /** The reference control plane, with its batch endpoint (an extension of the API). */
        REFERENCE,
        /** The reference control plane as the real one: no batch endpoint, one request per result. */
        REFERENCE_WITHOUT_BATCH,
        /**
         * As {@link #REFERENCE_WITHOUT_BATCH}, answering each request {@link #LATENCY} late: a control plane
         * across a network, where waiting for answers rather than CPU bounds one request per result.
         */
        REFERENCE_WITHOUT_BATCH_REMOTE,
        /** {@link SinkControlPlane}: parses and dedupes, nothing else. */
        SINK,
        /**
         * The reference control plane as the real one (tokens required, no batch endpoint) over mutual TLS,
         * reached through the authentication bundle's real shared route ({@link LinkAccess}) rather than the
         * stand-in: token, client certificate, connections kept alive.
         */
        LINK_TLS,
        /** As {@link #LINK_TLS}, answering each evidence request {@link #LATENCY} late. */
        LINK_TLS_REMOTE;

        boolean link() {
            return this == LINK_TLS || this == LINK_TLS_REMOTE;
        }

        boolean remote() {
            return this == REFERENCE_WITHOUT_BATCH_REMOTE || this == LINK_TLS_REMOTE;
        }
    }

    /** Collector, delivery, Camel with the stand-in route, and a receiver. */
    private static final class Runtime implements AutoCloseable {
        final ReferenceControlPlane cp;
        final SinkControlPlane sink;
        final ResultsCollectorService collector;
        final ResultsDelivery delivery;
        final DefaultCamelContext camel = new DefaultCamelContext();
        final AutoCloseable link;

        Runtime(Path directory, Receiver receiver, int batch, int concurrency) throws Exception {
            Pki pki = receiver.link() ? Pki.create(directory.resolve("pki")) : null;
            if (receiver == Receiver.SINK) {
                cp = null;
            } else if (receiver.link()) {
                cp = ReferenceControlPlane.builder().client(CLIENT_ID, CLIENT_SECRET).tls(pki.serverTls())
                        .batchEndpoint(false).start();
            } else {
                cp = ReferenceControlPlane.builder().requireToken(false)
                        .batchEndpoint(receiver == Receiver.REFERENCE).start();
            }
            if (receiver.remote()) {
                cp.faults().inject("/api/evidence", new Fault.Slow(LATENCY), -1);
            }
            sink = receiver == Receiver.SINK ? new SinkControlPlane() : null;
            String base = (cp != null ? cp.baseUri() : sink.baseUri()).toString().replaceAll("/$", "");
            CollectorConfig config = Configs.of(CollectorConfig.class, Map.of("dataDirectory", directory.toString(),
                    "deliveryBatchSize", batch, "deliveryConcurrency", concurrency));
            collector = new ResultsCollectorService(config);
            delivery = new ResultsDelivery(collector, DeliverySettings.of(config), Clock.systemUTC(),
                    new SplittableRandom(), base);
            CollectorAccess.bind(collector, delivery);
            if (receiver.link()) {
                Path cert = directory.resolve("client.pem");
                Path key = directory.resolve("client-key.pem");
                pki.issueClient("benchmark-runtime", cert, key);
                link = LinkAccess.connect(camel, Configs.of(ControlPlaneConfig.class, Map.of("url", base,
                        "clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "clientCertificate", cert.toString(),
                        "clientKey", key.toString(), "caBundle", pki.caCertificate().toString())));
            } else {
                link = null;
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        // Stand-in for the authentication bundle's shared route (no token, no TLS); like the
                        // real one it keeps connections alive (camel-http's pool).
                        from(ControlPlaneConnection.ENDPOINT).routeId(ControlPlaneConnection.ROUTE_ID)
                                .setHeader("Content-Type", constant("application/json"))
                                .to(base + "?throwExceptionOnFailure=false");
                    }
                });
            }
            camel.start();
        }

        void startDelivery() throws Exception {
            camel.addRoutes(new DeliveryRoute(delivery));
            camel.addRoutes(new DeliveryWakeRoute(delivery));
        }

        /** Every result marked delivered was received, none twice. */
        void checkReceivedOnce(int count) throws InterruptedException {
            int received;
            int duplicates;
            if (cp != null) {
                cp.received().awaitEvidence(count, Duration.ofSeconds(10));
                received = cp.received().resultIds().size();
                duplicates = cp.received().duplicateEvidence();
            } else {
                received = sink.received();
                duplicates = sink.duplicates();
            }
            // Delivery may have sent the next batch meanwhile: at least as many, never a duplicate.
            if (received < count || received > count + 1000 || duplicates != 0) {
                throw new IllegalStateException("the control plane received " + received + " distinct results and "
                        + duplicates + " duplicates; expected " + count + " (plus a batch in flight) and none");
            }
        }

        @Override
        public void close() throws Exception {
            if (link != null) {
                link.close();
            }
            camel.stop();
            CollectorAccess.deactivate(collector);
            if (cp != null) {
                cp.close();
            }
            if (sink != null) {
                sink.close();
            }
        }
    }

    /** The five result fixtures of the collector's tests. */
    static List<AssessmentResult> fixtures() {
        return FIXTURES.stream().map(DeliveryScenario::fixture).toList();
    }

    private static AssessmentResult fixture(String name) {
        try (InputStream in = DeliveryScenario.class.getResourceAsStream("results/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return Json.MAPPER.readValue(in, AssessmentResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as another result: new ids, the given job, its run moved to end at {@code end}. */
    static AssessmentResult variant(AssessmentResult r, String jobId, Instant end) {
        Provenance p = r.provenance();
        Duration took = Duration.between(p.start(), p.end());
        Provenance moved = new Provenance(p.requested(), p.plugin(), p.digest(), p.engine(), p.limits(), p.runtimeId(),
                end.minus(took), end);
        return r.toBuilder().resultId(UUID.randomUUID()).runId(UUID.randomUUID()).jobId(jobId).provenance(moved)
                .build();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + WAIT + ": " + what);
            }
            Thread.sleep(1);
        }
    }

    static void log(String format, Object... args) {
        System.err.println("  " + String.format(java.util.Locale.ROOT, format, args));
    }
}
