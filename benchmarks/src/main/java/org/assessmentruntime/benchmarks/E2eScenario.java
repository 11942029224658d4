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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.authentication.internal.ControlPlaneConfig;
import org.assessmentruntime.authentication.internal.LinkAccess;
import org.assessmentruntime.jobrunner.internal.JobRunnerAccess;
import org.assessmentruntime.jobrunner.internal.JobRunnerConfig;
import org.assessmentruntime.jobrunner.internal.JobRunnerService;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.assessmentruntime.referencecp.Pki;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.assessmentruntime.resultscollector.internal.CollectorAccess;
import org.assessmentruntime.resultscollector.internal.CollectorConfig;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.assessmentruntime.resultscollector.internal.delivery.DeliveryRoute;
import org.assessmentruntime.resultscollector.internal.delivery.DeliverySettings;
import org.assessmentruntime.resultscollector.internal.delivery.DeliveryWakeRoute;
import org.assessmentruntime.resultscollector.internal.delivery.ResultsDelivery;
import org.assessmentruntime.scheduler.internal.SchedulerAccess;
import org.assessmentruntime.scheduler.internal.SchedulerConfig;
import org.assessmentruntime.scheduler.internal.SchedulerService;

/**
 * Benchmark 7, end to end (issue 17, item 6): scheduler → run → durable store → delivered, in one JVM,
 * the real components wired as DS would wire them.
 *
 * <ul>
 * <li>the real {@link SchedulerService} (default configuration: 2 workers) with 50 jobs on an
 * interval of 1 s, scheduled {@code 1 s / jobs} apart so that their fire times spread over the second;</li>
 * <li>the real {@link JobRunnerService} bound to it, on the real executor with the Chicory engine
 * ({@link EngineHarness}, {@code maxConcurrentRuns} 4), a plugin manager and a plugin store that hold one
 * plugin in memory: the trivial plugin of benchmark 3 ({@code trivial_plugin.wasm}, its manifest);</li>
 * <li>the real {@link ResultsCollectorService} (MVStore, group commit) bound to the job runner through a
 * thin wrapper that notes when {@code store} returned (the result is durable then);</li>
 * <li>connected: the collector's delivery ({@link ResultsDelivery}, {@link DeliveryRoute},
 * {@link DeliveryWakeRoute}, default settings: 4 requests in flight) through the real control-plane link
 * ({@link LinkAccess}: token, mutual TLS, kept-alive connections) to the reference control plane without
 * its batch endpoint (one request per result, as the real API); standalone: no delivery bound.</li>
 * </ul>
 *
 * <p>Figures per window (after a warm-up): results stored per second (and delivered, connected), and the
 * latency from the run's end (the result's provenance end) to its store returning and, connected, to the
 * control plane accepting it (noted by a thread woken by the reference control plane as it records the
 * evidence, just before its 201 is written): p50, p99, max over the results whose run ended in the window.
 * After the windows the scheduler and the job runner stop, delivery drains, and every result the job runner
 * stored must be in the store and, connected, have been received by the control plane exactly once.
 */
final class E2eScenario {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofSeconds(120);
    private static final String CLIENT_ID = "benchmark-runtime";
    private static final String CLIENT_SECRET = "benchmark-secret";
    private static final String RUNTIME_ID = "7d2c7a4e-0000-4000-8000-0000000000e2";

    private final Path work;
    private final int jobs;
    private final int warmUpSeconds;
    private final int windowSeconds;
    private final int windows;
    private final List<ScenarioFigure> figures = new ArrayList<>();

    E2eScenario(Path work, boolean quick) {
        this.work = work;
        this.jobs = 50;
        this.warmUpSeconds = quick ? 5 : 10;
        this.windowSeconds = 10;
        this.windows = quick ? 1 : 3;
    }

    List<ScenarioFigure> run() throws Exception {
        PluginPackage plugin = PluginPackage.of(PluginPackage.readDescriptor(resource("trivial-plugin.json"),
                "trivial-plugin.json"), Workloads.wasm(ThroughputBenchmark.PLUGIN));
        try (EngineHarness harness = new EngineHarness(EngineHarness.CHICORY, ThroughputBenchmark.MAX_CONCURRENT_RUNS)) {
            // As the runtime does when a plugin is installed (background preparation).
            harness.executor().prepare(plugin.digest(), plugin.module(), EngineHarness.CHICORY);
            variant("standalone", false, harness, plugin);
            variant("connected", true, harness, plugin);
        }
        return figures;
    }

    /** One whole runtime, its jobs firing for the warm-up and the windows; adds the variant's figures. */
    private void variant(String name, boolean connected, EngineHarness harness, PluginPackage plugin)
            throws Exception {
        Path root = Files.createDirectories(work.resolve(name));
        DeliveryScenario.log("e2e %s: %d jobs every %d s, %d s warm-up, %d × %d s measured", name, jobs,
                INTERVAL.toSeconds(), warmUpSeconds, windows, windowSeconds);
        Samples samples = new Samples();
        try (Runtime runtime = new Runtime(root, connected, samples)) {
            JobRunnerService runner = JobRunnerAccess.start(RUNTIME_ID, Clock.systemUTC(),
                    Configs.of(JobRunnerConfig.class, Map.of()), harness.executor(), samples.wrap(runtime.collector),
                    new OnePluginManager(plugin), new OnePluginStore(plugin));
            SchedulerService scheduler = startScheduler(root, runner);
            Instant[] bounds = new Instant[windows + 1];
            try {
                long spread = INTERVAL.toNanos() / jobs;
                long t0 = System.nanoTime();
                for (int i = 0; i < jobs; i++) {
                    scheduler.schedule(job("e2e" + i, plugin));
                    long next = t0 + (i + 1) * spread;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                // Every job first fires one interval after it was scheduled.
                Thread.sleep(INTERVAL.toMillis() + warmUpSeconds * 1000L);
                bounds[0] = Instant.now();
                for (int w = 0; w < windows; w++) {
                    Thread.sleep(windowSeconds * 1000L);
                    bounds[w + 1] = Instant.now();
                    DeliveryScenario.log("%s window %d: %d stored so far%s", name, w, samples.stored.size(),
                            connected ? String.format(java.util.Locale.ROOT, ", %d delivered, %d pending",
                                    samples.delivered.size(), runtime.collector.backlog().pending()) : "");
                }
            } finally {
                SchedulerAccess.deactivate(scheduler);
                // Lets the runs in progress finish and store their results, as at a stop.
                JobRunnerAccess.deactivate(runner);
            }
            runtime.drainAndCheck(samples);
            // Each job fires once a second: at least half of that must have been stored over the windows.
            long expected = (long) jobs * windows * windowSeconds / INTERVAL.toSeconds();
            long measured = samples.stored.values().stream().filter(s -> within(s.stored, bounds[0], bounds[windows]))
                    .count();
            DeliveryScenario.log("%s: %d results stored over the windows, %d fires expected", name, measured, expected);
            if (measured < expected / 2) {
                throw new IllegalStateException(name + ": only " + measured + " results stored over the windows, "
                        + expected + " fires expected");
            }
            report(name, connected, samples, bounds);
        }
    }

    private void report(String name, boolean connected, Samples samples, Instant[] bounds) {
        double[] stored = new double[windows];
        double[] delivered = new double[windows];
        double[][] storeLatency = new double[3][windows];
        double[][] deliveryLatency = new double[3][windows];
        long n = 0;
        for (int w = 0; w < windows; w++) {
            Instant from = bounds[w];
            Instant to = bounds[w + 1];
            double seconds = Duration.between(from, to).toNanos() / 1e9;
            List<Double> toStore = new ArrayList<>();
            List<Double> toDeliver = new ArrayList<>();
            int storedIn = 0;
            int deliveredIn = 0;
            for (Sample s : samples.stored.values()) {
                if (within(s.stored, from, to)) {
                    storedIn++;
                }
                Instant at = samples.delivered.get(s.id.toString());
                if (at != null && within(at, from, to)) {
                    deliveredIn++;
                }
                if (within(s.end, from, to)) {
                    toStore.add(millis(s.end, s.stored));
                    if (connected) {
                        toDeliver.add(millis(s.end, at));
                    }
                }
            }
            n += toStore.size();
            stored[w] = storedIn / seconds;
            delivered[w] = deliveredIn / seconds;
            double[] p = {50, 99, 100};
            for (int i = 0; i < p.length; i++) {
                storeLatency[i][w] = ScenarioFigure.percentile(toStore, p[i]);
                if (connected) {
                    deliveryLatency[i][w] = ScenarioFigure.percentile(toDeliver, p[i]);
                }
            }
            DeliveryScenario.log("%s window %d (%.1f s): %.1f stored/s%s; run end → stored p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms%s", name, w, seconds, stored[w], connected ? String.format(java.util.Locale.ROOT,
                    ", %.1f delivered/s", delivered[w]) : "", storeLatency[0][w], storeLatency[1][w],
                    storeLatency[2][w], connected ? String.format(java.util.Locale.ROOT,
                    "; run end → 2xx p50 %.1f ms, p99 %.1f ms, max %.1f ms", deliveryLatency[0][w],
                    deliveryLatency[1][w], deliveryLatency[2][w]) : "");
        }
        String key = "e2e." + name + ".";
        figures.add(new ScenarioFigure(key + "stored", "results/s", stored, n));
        figures.add(new ScenarioFigure(key + "stored.p50", "ms", storeLatency[0], n));
        figures.add(new ScenarioFigure(key + "stored.p99", "ms", storeLatency[1], n));
        figures.add(new ScenarioFigure(key + "stored.max", "ms", storeLatency[2], n));
        if (connected) {
            figures.add(new ScenarioFigure(key + "delivered", "results/s", delivered, n));
            figures.add(new ScenarioFigure(key + "delivered.p50", "ms", deliveryLatency[0], n));
            figures.add(new ScenarioFigure(key + "delivered.p99", "ms", deliveryLatency[1], n));
            figures.add(new ScenarioFigure(key + "delivered.max", "ms", deliveryLatency[2], n));
        }
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return t != null && !t.isBefore(from) && t.isBefore(to);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /**
     * The scheduler on its default configuration (2 workers), bound to the job runner; an empty jobs
     * directory. Settings.from reads the state directory from karaf.data.
     */
    private static SchedulerService startScheduler(Path root, JobRunnerService runner) throws IOException {
        System.setProperty("karaf.data", root.resolve("data").toString());
        System.setProperty("karaf.etc", root.resolve("etc").toString());
        Path jobsDirectory = Files.createDirectories(root.resolve("jobs"));
        SchedulerService scheduler = new SchedulerService(Configs.of(SchedulerConfig.class,
                Map.of("jobsDirectory", jobsDirectory.toString())));
        SchedulerAccess.bind(scheduler, runner);
        return scheduler;
    }

    private static JobDefinition job(String id, PluginPackage plugin) {
        return new JobDefinition(id, "benchmark job " + id, null, null, null, List.of(new Task("t", "task",
                Schedule.every(INTERVAL), List.of(new Activity("a", "activity", new PluginRef(
                        plugin.descriptor().name(), PluginRef.ANY), Map.of("configPath", "/etc/ssh/sshd_config",
                                "maxAuthTries", 4, "forbidRootLogin", true), null)))));
    }

    /** When each result's run ended and its store returned; when the control plane accepted it. */
    private static final class Samples {
        final Map<UUID, Sample> stored = new ConcurrentHashMap<>();
        /** By result id (the evidence's {@code labels._result}). */
        final Map<String, Instant> delivered = new ConcurrentHashMap<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        ResultsCollector wrap(ResultsCollector target) {
            return new TimedCollector(target, this);
        }

        void stored(AssessmentResult result, Instant at) {
            if (result.status() != ResultStatus.PASS || result.observations().size() != 1) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, result.status() + " " + result.errorKind() + " " + result.reason());
            }
            stored.put(result.resultId(), new Sample(result.resultId(), result.provenance().end(), at));
        }
    }

    private record Sample(UUID id, Instant end, Instant stored) {
    }

    /**
     * The collector as the job runner sees it, noting when {@code store} returned (the result is durable:
     * committed and synced). Everything else is the collector's own.
     */
    private record TimedCollector(ResultsCollector target, Samples samples) implements ResultsCollector {

        @Override
        public StoredResult store(AssessmentResult result) throws AssessmentException {
            StoredResult stored = target.store(result);
            samples.stored(result, Instant.now());
            return stored;
        }

        @Override
        public Optional<StoredResult> find(UUID resultId) {
            return target.find(resultId);
        }

        @Override
        public List<StoredResult> query(ResultQuery query) {
            return target.query(query);
        }

        @Override
        public DeliveryBacklog backlog() {
            return target.backlog();
        }
    }

    /** The plugin manager: one installed plugin, resolved for any version. */
    private record OnePluginManager(InstalledPlugin plugin) implements PluginManager {

        OnePluginManager(PluginPackage pkg) {
            this(installedPlugin(pkg));
        }

        @Override
        public Optional<InstalledPlugin> resolve(PluginRef ref) {
            return ref.name().equals(plugin.descriptor().name()) ? Optional.of(plugin) : Optional.empty();
        }

        @Override
        public List<InstalledPlugin> installed() {
            return List.of(plugin);
        }

        @Override
        public InstalledPlugin install(PluginRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<InstalledPlugin> upgrade(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InstalledPlugin> upgradeAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InstalledPlugin> remove(PluginRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InstalledPlugin rollback(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InstalledPlugin verify(PluginId id) {
            throw new UnsupportedOperationException();
        }
    }

    /** The plugin store: the one plugin's module, by its digest. */
    private record OnePluginStore(InstalledPlugin plugin, byte[] module) implements PluginStore {

        OnePluginStore(PluginPackage pkg) {
            this(installedPlugin(pkg), pkg.module());
        }

        @Override
        public byte[] module(Digest digest) throws AssessmentException {
            if (!digest.equals(plugin.digest())) {
                throw new AssessmentException("no module " + digest);
            }
            return module.clone();
        }

        @Override
        public Optional<InstalledPlugin> find(PluginId id) {
            return Optional.of(plugin);
        }

        @Override
        public List<InstalledPlugin> list() {
            return List.of(plugin);
        }

        @Override
        public InstalledPlugin put(InstalledPlugin p, byte[] m) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<InstalledPlugin> previous(PluginId id) {
            return Optional.empty();
        }

        @Override
        public void remove(PluginId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long gc() {
            return 0;
        }
    }

    private static InstalledPlugin installedPlugin(PluginPackage pkg) {
        return new InstalledPlugin(pkg.descriptor(), pkg.digest(), InstalledPlugin.Source.LOCAL,
                InstalledPlugin.SignatureStatus.UNSIGNED, null, Instant.now());
    }

    /** Collector; connected: delivery, Camel with the real link, the reference control plane over mTLS. */
    private static final class Runtime implements AutoCloseable {
        final ResultsCollectorService collector;
        final ReferenceControlPlane cp;
        final DefaultCamelContext camel;
        final AutoCloseable link;
        final Thread watcher;
        volatile boolean watching = true;

        Runtime(Path directory, boolean connected, Samples samples) throws Exception {
            CollectorConfig config = Configs.of(CollectorConfig.class, Map.of("dataDirectory",
                    directory.resolve("results").toString()));
            collector = new ResultsCollectorService(config);
            if (!connected) {
                cp = null;
                camel = null;
                link = null;
                watcher = null;
                return;
            }
            Pki pki = Pki.create(directory.resolve("pki"));
            cp = ReferenceControlPlane.builder().client(CLIENT_ID, CLIENT_SECRET).tls(pki.serverTls())
                    .batchEndpoint(false).start();
            String base = cp.baseUri().toString().replaceAll("/$", "");
            ResultsDelivery delivery = new ResultsDelivery(collector, DeliverySettings.of(config), Clock.systemUTC(),
                    new SplittableRandom(), base);
            CollectorAccess.bind(collector, delivery);
            Path cert = directory.resolve("client.pem");
            Path key = directory.resolve("client-key.pem");
            pki.issueClient(CLIENT_ID, cert, key);
            camel = new DefaultCamelContext();
            link = LinkAccess.connect(camel, Configs.of(ControlPlaneConfig.class, Map.of("url", base,
                    "clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "clientCertificate", cert.toString(),
                    "clientKey", key.toString(), "caBundle", pki.caCertificate().toString())));
            camel.start();
            camel.addRoutes(new DeliveryRoute(delivery));
            camel.addRoutes(new DeliveryWakeRoute(delivery));
            // Woken by the control plane as it records each accepted evidence item (before its 201 goes out).
            watcher = new Thread(() -> watch(samples), "e2e-control-plane-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        private void watch(Samples samples) {
            int seen = 0;
            try {
                while (watching) {
                    if (!cp.received().awaitEvidence(seen + 1, Duration.ofMillis(100))) {
                        continue;
                    }
                    Instant now = Instant.now();
                    int i = 0;
                    for (String id : cp.received().resultIds()) {
                        if (i++ >= seen) {
                            samples.delivered.putIfAbsent(id, now);
                        }
                    }
                    seen = i;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * After the job runner stopped: waits until delivery has nothing pending, then checks that the store
         * holds every result stored and, connected, that the control plane received each exactly once.
         */
        void drainAndCheck(Samples samples) throws InterruptedException {
            if (samples.failed.get() > 0) {
                throw new IllegalStateException(samples.failed.get() + " runs did not pass, e.g. "
                        + samples.firstFailure.get());
            }
            for (UUID id : samples.stored.keySet()) {
                if (collector.find(id).isEmpty()) {
                    throw new IllegalStateException("result " + id + " missing from the store");
                }
            }
            if (cp == null) {
                DeliveryScenario.log("all %d results in the store", samples.stored.size());
                return;
            }
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (collector.backlog().pending() > 0 || samples.delivered.size() < samples.stored.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not drained within " + DRAIN + ": " + collector.backlog()
                            .pending() + " pending, " + samples.delivered.size() + " of " + samples.stored.size()
                            + " received");
                }
                Thread.sleep(10);
            }
            Set<String> received = cp.received().resultIds();
            Set<String> expected = new HashSet<>();
            samples.stored.keySet().forEach(id -> expected.add(id.toString()));
            int duplicates = cp.received().duplicateEvidence();
            int requests = cp.received().evidenceRequests();
            if (!received.equals(expected) || duplicates != 0 || requests != expected.size()) {
                throw new IllegalStateException("the control plane received " + received.size() + " distinct results ("
                        + requests + " evidence items, " + duplicates + " duplicates); expected the " + expected.size()
                        + " stored, each once");
            }
            Map<String, Long> byPath = new java.util.TreeMap<>();
            Map<String, Long> connectionHeader = new java.util.TreeMap<>();
            for (var request : cp.received().requests()) {
                byPath.merge(request.method() + " " + request.path(), 1L, Long::sum);
                connectionHeader.merge(String.valueOf(request.headers().get("connection")), 1L, Long::sum);
            }
            DeliveryScenario.log("all %d results in the store and received by the control plane exactly once; %d "
                    + "connections; requests %s; Connection headers %s", expected.size(), cp.received().connections(),
                    byPath, connectionHeader);
        }

        @Override
        public void close() throws Exception {
            watching = false;
            if (link != null) {
                link.close();
            }
            if (camel != null) {
                camel.stop();
            }
            CollectorAccess.deactivate(collector);
            if (cp != null) {
                cp.close();
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = E2eScenario.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
