package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.ControlPlanes;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.referencecp.Fault;
import org.assessmentruntime.referencecp.RecordedRequest;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime as the control plane's arm: the built distribution, pointed at the reference control plane
 * on 127.0.0.1 through environment variables only (as a container or a service unit would), authenticates,
 * beats, takes configuration, and delivers every result exactly once, through outages, refused tokens,
 * garbage replies, rejected results and a SIGKILL in the middle of delivery.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = UUID.randomUUID().toString();
    /** Distinctive, so that a search of every log for it cannot hit anything else. */
    private static final String CLIENT_SECRET = "s3cr3t-" + UUID.randomUUID();
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    /** Started before Karaf (static initialisation precedes the extension's beforeAll). */
    // Tokens live 6 s, so the runtime renews several times while the test runs.
    private static final ReferenceControlPlane CP = ControlPlanes.started(ReferenceControlPlane.builder()
            .client(CLIENT_ID, CLIENT_SECRET).tokenLifetime(Duration.ofSeconds(6)));

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> ControlPlanes.connect(options, CP, CLIENT_ID,
            CLIENT_SECRET)
            // Short intervals so the test sees several of each; production uses the minute defaults.
            .config("org.assessmentruntime.controlplane", "heartbeatIntervalSeconds", "2")
            .config("org.assessmentruntime.controlplane", "configPollIntervalSeconds", "15")
            .config("org.assessmentruntime.resultscollector", "backoffMaxSeconds", "2"));

    @AfterAll
    static void stopControlPlane() {
        CP.close();
    }

    @Test
    @Order(10)
    void theRuntimeIsConnectedAndEveryComponentIsUp(KarafDistribution karaf) throws IOException {
        CommandResult status = karaf.awaitCommand("assessment:status", r -> r.output().contains("All components are up"),
                Duration.ofSeconds(60));
        assertThat(status.output()).as("%s", status).contains("All components are up");

        CommandResult auth = karaf.awaitCommand("assessment:auth-status --json",
                r -> r.succeeded() && !json(r).path("tokenExpiresAt").asText().isEmpty(), Duration.ofSeconds(60));
        JsonNode view = json(auth);
        assertThat(view.path("mode").asText()).isEqualTo("connected");
        assertThat(view.path("controlPlane").asText()).isEqualTo(CP.baseUri().toString());
        assertThat(view.path("clientId").asText()).isEqualTo(CLIENT_ID);
        assertThat(auth.output()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    @Order(15)
    void everyControlPlaneRouteRuns(KarafDistribution karaf) throws IOException {
        // The stable route ids of docs/protocols.md, all published by a connected runtime and started (a
        // standalone runtime has none of them: BootIT).
        CommandResult r = karaf.awaitCommand("assessment:routes --json",
                res -> res.succeeded() && startedRoutes(res).containsAll(CONTROL_PLANE_ROUTES), Duration.ofSeconds(60));
        assertThat(startedRoutes(r)).as("%s", r).containsAll(CONTROL_PLANE_ROUTES);
    }

    static final Set<String> CONTROL_PLANE_ROUTES = Set.of("assessment-control-plane", "assessment-auth-token",
            "assessment-heartbeat", "assessment-heartbeat-send", "assessment-config-poll", "assessment-config-sync",
            "assessment-config-report", "assessment-results-delivery", "assessment-results-delivery-wake");

    private static Set<String> startedRoutes(CommandResult r) {
        Set<String> ids = new HashSet<>();
        try {
            JSON.readTree(r.output()).forEach(route -> {
                if ("Started".equals(route.path("state").asText())) {
                    ids.add(route.path("id").asText());
                }
            });
        } catch (IOException e) {
            return Set.of();
        }
        return ids;
    }

    @Test
    @Order(20)
    void heartbeatsArriveWithTheRuntimesStableId(KarafDistribution karaf) throws Exception {
        assertThat(CP.received().awaitHeartbeats(2, Duration.ofSeconds(30))).as("two heartbeats").isTrue();
        Set<String> uuids = new HashSet<>();
        for (JsonNode beat : CP.received().heartbeats()) {
            uuids.add(beat.path("uuid").asText());
            assertThat(Instant.parse(beat.path("created_at").asText())).isBefore(Instant.now().plusSeconds(1));
        }
        assertThat(uuids).hasSize(1);
        String runtimeId = Files.readString(karaf.home().resolve("data/runtime-id")).strip();
        assertThat(uuids).containsExactly(runtimeId);

        CommandResult beat = karaf.run("assessment:heartbeat --json");
        assertThat(json(beat).path("delivered").asBoolean()).as("%s", beat).isTrue();
        assertThat(requestsTo("/api/agent/heartbeat")).allSatisfy(r ->
                assertThat(r.headers().get("content-type")).isEqualTo("application/json"));
    }

    @Test
    @Order(30)
    void everyResultIsDeliveredOnceAndMarkedDelivered(KarafDistribution karaf) throws Exception {
        // The example jobs run at first boot; their results go out as soon as they are stored.
        Set<String> ids = ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);
        assertThat(ids).isNotEmpty();
        assertThat(CP.received().evidence()).allSatisfy(e -> {
            assertThat(e.path("labels").path("_agent").asText()).isNotEmpty();
            assertThat(e.path("status").path("state").asText()).isIn("satisfied", "not-satisfied");
        });
        assertThat(requestsTo("/api/evidence")).allSatisfy(r ->
                assertThat(r.headers().get("content-type")).isEqualTo("application/json"));
    }

    @Test
    @Order(40)
    void configurationIsAppliedLiveAndThenUnchangedByETag(KarafDistribution karaf) throws IOException {
        long revision = CP.config().publish(JSON.readTree(
                "{\"config\":{\"org.assessmentruntime.scheduler\":{\"maxQueuedRuns\":3}}}"));
        syncTo(karaf, revision);
        CommandResult cfg = karaf.awaitCommand("config:property-get --pid org.assessmentruntime.scheduler maxQueuedRuns",
                r -> r.output().strip().equals("3"), Duration.ofSeconds(20));
        assertThat(cfg.output().strip()).isEqualTo("3");

        JsonNode again = json(karaf.run("assessment:sync --json"));
        assertThat(again.path("status").asText()).as("%s", again).isEqualTo("UNCHANGED");
        assertThat(requestsTo("/api/agent/config")).anySatisfy(r -> assertThat(r.status()).isEqualTo(304));
        assertThat(CP.received().configReports()).anySatisfy(report ->
                assertThat(report.path("status").asText()).isEqualTo("applied"));
    }

    @Test
    @Order(50)
    void anOverlayTouchingTheConnectionIsRejectedWholeAndTheLastGoodStays(KarafDistribution karaf)
            throws IOException {
        CP.config().publish(JSON.readTree("{\"config\":{"
                + "\"org.assessmentruntime.scheduler\":{\"maxQueuedRuns\":7},"
                + "\"org.assessmentruntime.controlplane\":{\"url\":\"http://127.0.0.2:1\"}}}"));
        JsonNode rejected = json(karaf.run("assessment:sync --json"));
        assertThat(rejected.path("status").asText()).as("%s", rejected).isEqualTo("REJECTED");
        assertThat(rejected.path("reason").asText()).contains("org.assessmentruntime.controlplane");
        assertThat(karaf.run("config:property-get --pid org.assessmentruntime.scheduler maxQueuedRuns").output().strip())
                .as("the last good overlay stays applied").isEqualTo("3");
        assertThat(karaf.run("assessment:auth-status --json").output()).contains(CP.baseUri().toString());

        // Back to a valid revision, so the rest of the test runs on a healthy configuration.
        syncTo(karaf, CP.config().publish(JSON.readTree(
                "{\"config\":{\"org.assessmentruntime.scheduler\":{\"maxQueuedRuns\":3}}}")));
    }

    @Test
    @Order(55)
    void aJobFromTheControlPlaneIsScheduledAndRemovedWhenTheOverlayDropsIt(KarafDistribution karaf)
            throws Exception {
        JsonNode job = JSON.readTree(Files.readString(karaf.home().resolve("etc/jobs/host-os.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) job).put("id", "remote-os");
        syncTo(karaf, CP.config().publish(JSON.readTree("{\"config\":{\"org.assessmentruntime.scheduler\":"
                + "{\"maxQueuedRuns\":3}},\"jobs\":{\"remote-os\":" + job + "}}")));
        CommandResult jobs = karaf.awaitCommand("assessment:jobs --json", r -> r.output().contains("\"remote-os\""),
                Duration.ofSeconds(20));
        assertThat(jobs.output()).contains("\"remote-os\"");
        // Scheduled through the Scheduler API, kept in the scheduler's own state, never written into etc/.
        assertThat(karaf.home().resolve("data/scheduler/scheduled-jobs/job-remote-os.json")).exists();
        assertThat(karaf.home().resolve("etc/jobs/remote-os.remote.json")).doesNotExist();

        syncTo(karaf, CP.config().publish(JSON.readTree(
                "{\"config\":{\"org.assessmentruntime.scheduler\":{\"maxQueuedRuns\":3}}}")));
        CommandResult gone = karaf.awaitCommand("assessment:jobs --json", r -> !r.output().contains("\"remote-os\""),
                Duration.ofSeconds(20));
        assertThat(gone.output()).doesNotContain("\"remote-os\"");
    }

    @Test
    @Order(60)
    void resultsProducedWhileTheControlPlaneIsDownAreDeliveredWhenItReturns(KarafDistribution karaf)
            throws Exception {
        CP.faults().down();
        try {
            runJob(karaf, "host-os");
            runJob(karaf, "host-tls");
            CommandResult outbox = karaf.run("assessment:outbox --json");
            assertThat(json(outbox).path("backlog").path("pending").asLong()).as("%s", outbox).isPositive();
        } finally {
            CP.faults().up();
        }
        ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);
    }

    @Test
    @Order(70)
    void aRevokedTokenIsRenewedAndTheRequestRetriedOnce(KarafDistribution karaf) throws Exception {
        int tokensBefore = CP.received().tokensIssued();
        CP.revokeTokens();
        runJob(karaf, "host-os");
        ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);
        assertThat(CP.received().tokensIssued()).isGreaterThan(tokensBefore);
        // Token lifetime 6 s: by now the runtime has renewed before expiry more than once.
        assertThat(CP.received().tokensIssued()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(80)
    void garbageRepliesAreErrorsAndNothingIsLost(KarafDistribution karaf) throws Exception {
        try {
            CP.faults().inject("/api/evidence", Fault.garbage(), 2);
            CP.faults().inject("/api/agent/config", Fault.garbage(), 1);
            runJob(karaf, "host-os");
            JsonNode sync = json(karaf.run("assessment:sync --json"));
            assertThat(sync.path("status").asText()).as("%s", sync).isEqualTo("FAILED");
            assertThat(sync.path("reason").asText()).contains("JSON");
            // A 200 whose body is not JSON proves nothing: the result stays pending and goes out again.
            ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);
        } finally {
            CP.faults().clear();
        }
    }

    @Test
    @Order(90)
    void aResultTheControlPlaneRejectsIsParkedVisibleAndRetriable(KarafDistribution karaf) throws Exception {
        // A batch answered 400 falls back to single posts; the first single post is refused too.
        CP.faults().inject("/api/evidence", Fault.status(400), 2);
        runJob(karaf, "host-os");
        CommandResult parked = karaf.awaitCommand("assessment:outbox --json",
                r -> r.succeeded() && json(r).path("backlog").path("parked").asLong() > 0, DELIVERY);
        JsonNode view = json(parked);
        assertThat(view.path("parked").get(0).path("lastError").asText()).contains("400");
        assertThat(karaf.run("assessment:outbox").output()).contains("400");

        CP.faults().clear();
        CommandResult retry = karaf.run("assessment:outbox --retry-all --json");
        assertThat(json(retry).path("requeued").size()).as("%s", retry).isPositive();
        ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);
        assertThat(json(karaf.run("assessment:outbox --json")).path("backlog").path("parked").asLong()).isZero();
    }

    @Test
    @Order(100)
    void aSigkillInTheMiddleOfDeliveryLosesNothingAndDuplicatesNothing(KarafDistribution karaf) throws Exception {
        // Every evidence request now hangs 4 s, so the kill lands while one is in flight.
        CP.faults().inject("/api/evidence", Fault.slow(Duration.ofSeconds(4)), -1);
        runJob(karaf, "host-os");
        runJob(karaf, "host-ssh");
        // Every request now takes 4 s: once one has reached the control plane it is in flight (sent, not yet
        // answered, not yet marked delivered) when the kill lands.
        assertThat(CP.received().awaitInFlight("/api/evidence", 1, DELIVERY)).as("an evidence request in flight")
                .isTrue();
        assertThat(json(karaf.run("assessment:outbox --json")).path("backlog").path("pending").asLong()).isPositive();
        karaf.killAndRestart();
        CP.faults().clear();
        Set<String> ids = ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);

        List<String> received = new ArrayList<>();
        CP.received().evidence().forEach(e -> received.add(e.path("labels").path("_result").asText()));
        assertThat(received).as("each result recorded once at the receiver").doesNotHaveDuplicates();
        assertThat(new HashSet<>(received)).containsAll(ids);
    }

    @Test
    @Order(110)
    void secretsNeverReachTheLogs(KarafDistribution karaf) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(karaf.home().resolve("data/log"))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log);
            assertThat(text).as("%s", log).doesNotContain(CLIENT_SECRET);
            for (String token : CP.received().issuedTokens()) {
                assertThat(text).as("%s holds an access token", log).doesNotContain(token);
            }
        }
        assertThat(karaf.run("assessment:status --json").output()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    @Order(120)
    void noErrorsWereLogged(KarafDistribution karaf) {
        assertThat(karaf.karafLog().errors()).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Syncs now and checks that the revision is in force. The runtime also polls on its own, so the
     * revision may already be applied when the command runs: then the sync answers UNCHANGED (304).
     */
    private static void syncTo(KarafDistribution karaf, long revision) {
        JsonNode outcome = json(karaf.run("assessment:sync --json"));
        assertThat(outcome.path("status").asText()).as("%s", outcome).isIn("APPLIED", "UNCHANGED");
        assertThat(outcome.path("revision").asLong()).as("%s", outcome).isEqualTo(revision);
    }

    private static void runJob(KarafDistribution karaf, String job) {
        CommandResult run = karaf.run("assessment:run --wait " + job, Duration.ofSeconds(120));
        assertThat(run.succeeded()).as("%s", run).isTrue();
    }

    private static List<RecordedRequest> requestsTo(String prefix) {
        return CP.received().requests().stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    private static JsonNode json(CommandResult r) {
        try {
            return JSON.readTree(r.output());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }
}
