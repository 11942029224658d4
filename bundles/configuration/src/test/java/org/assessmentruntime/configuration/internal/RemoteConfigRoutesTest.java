package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ConfigSyncOutcome.Status;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.RemoteConfigMode;
import org.assessmentruntime.api.RuntimeIdentity;
import org.assessmentruntime.referencecp.Fault;
import org.assessmentruntime.referencecp.RecordedRequest;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.assessmentruntime.scheduler.JobFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The three routes in a real CamelContext against the reference control plane. The authentication
 * bundle's shared route is stood in for by a route with the same contract (see ControlPlaneConnection):
 * it keeps only the allowed request headers, sends Content-Type application/json and a bearer token, and
 * hands every status back as a reply with the body as bytes.
 */
class RemoteConfigRoutesTest {

    private static final String RUNNER = "org.assessmentruntime.jobrunner";
    private static final String CONFIG = "/api/agent/config";

    @TempDir
    Path dir;

    private final UUID runtimeId = UUID.randomUUID();
    /** One scheduler for the whole test, as a restart of configuration finds it. */
    private final FakeScheduler scheduler = new FakeScheduler();
    private final Fakes.ConfigAdmin cm = new Fakes.ConfigAdmin().local(RUNNER, "serviceWaitSeconds", "300",
            "maxStderrKiB", "256");
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private ReferenceControlPlane cp;

    @BeforeEach
    void start() throws Exception {
        cp = controlPlane(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ReferenceControlPlane controlPlane(boolean remoteConfig) throws Exception {
        ReferenceControlPlane server = ReferenceControlPlane.builder().client("agent", "secret").remoteConfig(remoteConfig)
                .start();
        open.add(server::close);
        return server;
    }

    /** One runtime instance: its Camel context, the stand-in connection route and this bundle's routes. */
    private RemoteConfigService runtime(RemoteConfigMode mode, boolean poll) throws Exception {
        String token = token(cp);
        DefaultCamelContext camel = new DefaultCamelContext();
        open.add(camel::stop);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ControlPlaneConnection.ENDPOINT).routeId(ControlPlaneConnection.ROUTE_ID)
                        .removeHeaders("*", "CamelHttpMethod", "CamelHttpPath", "If-None-Match", "Idempotency-Key", "Accept")
                        .setHeader("Content-Type", constant("application/json"))
                        .setHeader("Authorization", constant("Bearer " + token))
                        .process(e -> mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                        .doTry()
                            .to(cp.baseUri() + "?throwExceptionOnFailure=false")
                            .convertBodyTo(byte[].class)
                        .doFinally()
                            .process(e -> inFlight.decrementAndGet())
                        .end();
            }
        });
        camel.start();
        ControlPlaneConnection connection = mock(ControlPlaneConnection.class);
        when(connection.remoteConfigMode()).thenReturn(mode);
        when(connection.configPollInterval()).thenReturn(Duration.ofMillis(200));
        RuntimeIdentity identity = () -> runtimeId;
        ConfigSyncer syncer = new ConfigSyncer(mode, new StateStore(stateDir(), Clock.systemUTC()),
                new OverlayValidator(Fakes.schemas()), new ConfigApplier(cm.admin), scheduler.schedulerJobs(),
                Clock.systemUTC());
        RemoteConfigService service = new RemoteConfigService(connection, identity, camel, syncer, "0.1.0.test");
        open.add(service::close);
        camel.addRoutes(new ConfigSyncRoute(service));
        camel.addRoutes(new ConfigReportRoute(service));
        if (poll) {
            camel.addRoutes(new ConfigPollRoute(service));
        }
        return service;
    }

    private Path stateDir() {
        return dir.resolve("data/remote-config");
    }

    private static String token(ReferenceControlPlane server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/agent/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "agent:secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body()).get("access_token").asText();
    }

    private long publish(String overlay) throws Exception {
        return cp.config().publish(Json.MAPPER.readTree(overlay));
    }

    private List<RecordedRequest> configRequests() {
        return cp.received().requests().stream().filter(r -> r.path().equals(CONFIG)).toList();
    }

    @Test
    void appliesARevisionWritesItsJobsAndReportsIt() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        long revision = publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}},"
                + " \"jobs\": {\"remote-1\": " + Fakes.job("remote-1") + "}}");

        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(Status.APPLIED);
        assertThat(outcome.revision()).isEqualTo(revision);
        assertThat(outcome.etag()).isEqualTo(cp.config().etag());
        assertThat(service.appliedRevision()).isEqualTo(revision);
        assertThat(service.lastOutcome()).contains(outcome);
        assertThat(cm.get(RUNNER, "serviceWaitSeconds")).isEqualTo(120L);
        assertThat(cm.get(RUNNER, "maxStderrKiB")).isEqualTo("256");
        assertThat(scheduler.remote()).containsOnlyKeys("remote-1");
        assertThat(scheduler.remote().get("remote-1").title()).isEqualTo("Remote job remote-1");
        assertThat(configRequests()).singleElement().satisfies(r -> {
            assertThat(r.headers()).doesNotContainKey("if-none-match");
            assertThat(r.status()).isEqualTo(200);
        });

        JsonNode report = cp.received().configReports().get(0);
        assertThat(cp.received().configReports()).hasSize(1);
        assertThat(report.get("status").asText()).isEqualTo("applied");
        assertThat(report.get("mode").asText()).isEqualTo("apply_safe");
        assertThat(report.get("applied-revision").asLong()).isEqualTo(revision);
        assertThat(report.get("attempted-revision").asLong()).isEqualTo(revision);
        assertThat(report.get("agent-version").asText()).isEqualTo("0.1.0.test");
        assertThat(report.get("hostname").asText()).isNotBlank();
        assertThat(report.get("reason").asText()).isEmpty();
        assertThat(report.get("warnings")).isEmpty();
        assertThat(report.get("effective-digest").asText()).isEqualTo(Json.digest(Json.canonical(cp.config().overlay())))
                .matches("sha256:[0-9a-f]{64}");
        assertThat(cp.received().requests()).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(r -> {
                    assertThat(r.path()).isEqualTo("/api/agent/instances/" + runtimeId + "/config-report");
                    assertThat(r.status()).isEqualTo(204);
                });
    }

    @Test
    void afterARestartThePersistedEtagIsSentAndTheControlPlaneAnswers304() throws Exception {
        long revision = publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}}}");
        assertThat(runtime(RemoteConfigMode.APPLY, false).sync().status()).isEqualTo(Status.APPLIED);
        int writes = cm.writes.size();

        RemoteConfigService restarted = runtime(RemoteConfigMode.APPLY, false);
        assertThat(restarted.appliedRevision()).isEqualTo(revision);
        ConfigSyncOutcome outcome = restarted.sync();

        assertThat(outcome.status()).isEqualTo(Status.UNCHANGED);
        assertThat(outcome.revision()).isEqualTo(revision);
        RecordedRequest second = configRequests().get(1);
        assertThat(second.headers()).containsEntry("if-none-match", cp.config().etag());
        assertThat(second.status()).isEqualTo(304);
        assertThat(cm.writes).hasSize(writes);
        assertThat(cp.received().configReports()).hasSize(1);
    }

    @Test
    void aControlPlaneWithoutRemoteConfigurationIsNotApplicable() throws Exception {
        cp = controlPlane(false);
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);

        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(outcome.reason()).isEqualTo("control plane does not offer remote configuration");
        assertThat(cp.received().configReports()).isEmpty();
    }

    @Test
    void garbageAndErrorRepliesFailAndChangeNothing() throws Exception {
        publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}}}");
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        cp.faults().inject(CONFIG, Fault.garbage(), 1);

        ConfigSyncOutcome garbage = service.sync();

        assertThat(garbage.status()).isEqualTo(Status.FAILED);
        assertThat(garbage.reason()).startsWith("control plane's configuration reply is not valid JSON");
        cp.faults().inject(CONFIG, Fault.status(500), 1);
        ConfigSyncOutcome error = service.sync();
        assertThat(error.status()).isEqualTo(Status.FAILED);
        assertThat(error.reason()).isEqualTo("control plane answered HTTP 500 to GET /api/agent/config: injected fault");
        assertThat(cm.writes).isEmpty();
        assertThat(service.appliedRevision()).isZero();
        assertThat(stateDir().resolve(StateStore.FILE)).doesNotExist();

        assertThat(service.sync().status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void anUnreachableControlPlaneFails() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        cp.faults().down();

        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.reason()).startsWith("control plane unreachable: ");
        cp.faults().up();
    }

    @Test
    void anInvalidOverlayIsRejectedWholeAndTheLastGoodOneStays() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        long good = publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}}}");
        service.sync();
        String goodEtag = cp.config().etag();
        String stored = Files.readString(stateDir().resolve(StateStore.FILE));
        List<String> writes = List.copyOf(cm.writes);

        long bad = publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 60, \"maxStderrKiB\": \"lots\"}},"
                + " \"jobs\": {\"remote-2\": " + Fakes.job("remote-2") + "}}");
        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).isEqualTo(Status.REJECTED);
        assertThat(outcome.revision()).isEqualTo(bad);
        assertThat(outcome.reason()).isEqualTo("revision " + bad + " rejected: config." + RUNNER
                + ".maxStderrKiB: \"lots\" is not an integer in range");
        assertThat(cm.writes).isEqualTo(writes);
        assertThat(cm.get(RUNNER, "serviceWaitSeconds")).isEqualTo(120L);
        assertThat(scheduler.remote()).isEmpty();
        assertThat(service.appliedRevision()).isEqualTo(good);
        assertThat(Files.readString(stateDir().resolve(StateStore.FILE))).isEqualTo(stored);

        JsonNode report = cp.received().configReports().get(1);
        assertThat(report.get("status").asText()).isEqualTo("rejected");
        assertThat(report.get("applied-revision").asLong()).isEqualTo(good);
        assertThat(report.get("attempted-revision").asLong()).isEqualTo(bad);
        assertThat(report.get("reason").asText()).contains("maxStderrKiB");

        // The last good ETag is what the next poll sends; the same rejection is not reported again.
        service.sync();
        assertThat(configRequests().get(2).headers()).containsEntry("if-none-match", goodEtag);
        assertThat(cp.received().configReports()).hasSize(2);
    }

    @Test
    void forbiddenPidsAndKeysAreRejected() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        publish("{\"config\": {\"org.assessmentruntime.controlplane\": {\"url\": \"https://elsewhere.example.com\"},"
                + " \"org.assessmentruntime.pluginmanager\": {\"allowUnsignedLocal\": true}}}");

        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).isEqualTo(Status.REJECTED);
        assertThat(outcome.reason()).contains("config.org.assessmentruntime.controlplane: not remotely settable")
                .contains("config.org.assessmentruntime.pluginmanager.allowUnsignedLocal: not remotely settable");
        assertThat(cm.writes).isEmpty();
    }

    @Test
    void aKeyTheOverlayLetsGoOfGetsItsLocalValueBack() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120, \"maxStderrKiB\": 128}}}");
        service.sync();
        assertThat(cm.get(RUNNER, "maxStderrKiB")).isEqualTo(128L);

        // Restarted in between: the baselines come from the data directory.
        RemoteConfigService restarted = runtime(RemoteConfigMode.APPLY, false);
        publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120, \"maxStderrKiB\": null}}}");
        assertThat(restarted.sync().status()).isEqualTo(Status.APPLIED);

        assertThat(cm.get(RUNNER, "maxStderrKiB")).isEqualTo("256");
        assertThat(cm.get(RUNNER, "serviceWaitSeconds")).isEqualTo(120L);
        publish("{}");
        assertThat(restarted.sync().status()).isEqualTo(Status.APPLIED);
        assertThat(cm.get(RUNNER, "serviceWaitSeconds")).isEqualTo("300");
        assertThat(restarted.syncer().state().baselines()).isEmpty();
    }

    @Test
    void remoteJobsAreScheduledAndUnscheduledAndNeverReplaceLocalOnes() throws Exception {
        scheduler.local(new JobFiles().parse(Fakes.job("local-1").getBytes(StandardCharsets.UTF_8)),
                dir.resolve("etc/jobs/local-1.json"));
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        publish("{\"jobs\": {\"a\": " + Fakes.job("a") + ", \"b\": " + Fakes.job("b") + "}}");
        service.sync();
        assertThat(scheduler.remote()).containsOnlyKeys("a", "b");

        publish("{\"jobs\": {\"a\": null}}");
        assertThat(service.sync().status()).isEqualTo(Status.APPLIED);

        assertThat(scheduler.jobs()).extracting(j -> j.job().id()).containsExactly("local-1");

        publish("{\"jobs\": {\"local-1\": " + Fakes.job("local-1") + "}}");
        ConfigSyncOutcome clash = service.sync();
        assertThat(clash.status()).isEqualTo(Status.REJECTED);
        assertThat(clash.reason()).contains("jobs.local-1: a local job file (local-1.json) defines this job id");
        assertThat(scheduler.remote()).isEmpty();
    }

    @Test
    void aJobTheSchedulerRefusesFailsTheRevisionAndTheLastGoodJobsStay() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        long good = publish("{\"jobs\": {\"a\": " + Fakes.job("a") + "}}");
        assertThat(service.sync().status()).isEqualTo(Status.APPLIED);

        scheduler.refuse("c");
        publish("{\"jobs\": {\"b\": " + Fakes.job("b") + ", \"c\": " + Fakes.job("c") + "}}");
        ConfigSyncOutcome failed = service.sync();

        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.reason()).contains("job 'c' refused").contains("revision " + good + " is in force again");
        assertThat(scheduler.remote()).containsOnlyKeys("a");
        assertThat(service.appliedRevision()).isEqualTo(good);
    }

    @Test
    void reportOnlyValidatesAndReportsButNeverApplies() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.REPORT_ONLY, false);
        long revision = publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}},"
                + " \"jobs\": {\"a\": " + Fakes.job("a") + "}}");

        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(outcome.reason()).isEqualTo("report-only mode: revision " + revision + " is valid and was not applied");
        assertThat(cm.writes).isEmpty();
        assertThat(scheduler.remote()).isEmpty();
        assertThat(service.appliedRevision()).isZero();
        JsonNode report = cp.received().configReports().get(0);
        assertThat(report.get("mode").asText()).isEqualTo("report");
        assertThat(report.get("status").asText()).isEqualTo("not-applicable");
        assertThat(report.get("applied-revision").asLong()).isZero();
        assertThat(report.get("attempted-revision").asLong()).isEqualTo(revision);
        assertThat(report.get("effective-digest").asText()).isEqualTo(Json.digest(Json.MAPPER.createObjectNode()));
        assertThat(service.sync().status()).isEqualTo(Status.UNCHANGED);

        publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": \"x\"}}}");
        assertThat(service.sync().status()).isEqualTo(Status.REJECTED);
        assertThat(cp.received().configReports()).hasSize(2);
    }

    @Test
    void offNeverAsks() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.OFF, true);

        ConfigSyncOutcome outcome = service.sync();

        assertThat(outcome.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(outcome.reason()).isEqualTo("remote configuration is off");
        assertThat(cp.received().requests()).noneMatch(r -> r.path().startsWith("/api/agent/"));
    }

    @Test
    void aCorruptStateFileStartsOverFromRevisionZero() throws Exception {
        publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}}}");
        runtime(RemoteConfigMode.APPLY, false).sync();
        Files.writeString(stateDir().resolve(StateStore.FILE), "{\"revision\": 1, \"etag\"");

        RemoteConfigService restarted = runtime(RemoteConfigMode.APPLY, false);

        assertThat(restarted.appliedRevision()).isZero();
        try (var files = Files.list(stateDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("state.json.corrupt-"));
        }
        assertThat(restarted.sync().status()).isEqualTo(Status.APPLIED);
        assertThat(configRequests().get(1).headers()).doesNotContainKey("if-none-match");
        assertThat(restarted.appliedRevision()).isEqualTo(1);
    }

    @Test
    void thePollRouteSyncsOnItsOwn() throws Exception {
        publish("{\"config\": {\"" + RUNNER + "\": {\"serviceWaitSeconds\": 120}}}");
        runtime(RemoteConfigMode.APPLY, true);

        assertThat(cp.received().awaitRequests(CONFIG, 2, Duration.ofSeconds(20))).isTrue();
        assertThat(cm.get(RUNNER, "serviceWaitSeconds")).isEqualTo(120L);
    }

    @Test
    void syncsNeverOverlap() throws Exception {
        RemoteConfigService service = runtime(RemoteConfigMode.APPLY, false);
        cp.faults().inject(CONFIG, Fault.slow(Duration.ofMillis(300)), 3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ConfigSyncOutcome>> syncs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                syncs.add(pool.submit((Callable<ConfigSyncOutcome>) service::sync));
            }
            for (Future<ConfigSyncOutcome> sync : syncs) {
                assertThat(sync.get().status()).isIn(Status.APPLIED, Status.UNCHANGED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(configRequests()).hasSize(3);
        assertThat(mostInFlight.get()).isEqualTo(1);
    }
}
