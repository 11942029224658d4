package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.api.RuntimeIdentity;
import org.assessmentruntime.referencecp.Fault;
import org.assessmentruntime.referencecp.RecordedRequest;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The heartbeat's routes in a real Camel context, against the reference control plane. The shared
 * control-plane route is a stand-in with the contract of {@link ControlPlaneConnection}'s javadoc
 * (method and path headers in, exact JSON content type, status code and byte[] body out), without the
 * authentication bundle's tokens and TLS.
 */
class HeartbeatRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ReferenceControlPlane controlPlane;
    private CamelContext camel;
    private final BeatLog log = new BeatLog();
    private HeartbeatService heartbeat;
    private HeartbeatHealth health;

    @BeforeEach
    void start() throws Exception {
        controlPlane = ReferenceControlPlane.builder().requireToken(false).start();
        camel = new DefaultCamelContext();
        camel.addRoutes(standInControlPlaneRoute(controlPlane.port()));
        HeartbeatSendRoute send = new HeartbeatSendRoute(identity(), log, Clock.systemUTC());
        send.bind(Fixtures.status(), Fixtures.store(), null, Fixtures.results());
        camel.addRoutes(send);
        camel.start();
        heartbeat = new HeartbeatService(camel, log, Clock.systemUTC(), Duration.ofSeconds(10));
        health = new HeartbeatHealth(log);
        health.bind(Fixtures.connection(controlPlane.baseUri(), Duration.ofMinutes(1)), heartbeat);
    }

    @AfterEach
    void stop() throws Exception {
        heartbeat.deactivate();
        camel.close();
        controlPlane.close();
    }

    @Test
    void aBeatIsDeliveredWithTheIdTheTimeAndTheRuntimeSummary() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        HeartbeatResult result = heartbeat.beat();

        assertThat(result.delivered()).as(result.detail()).isTrue();
        assertThat(result.detail()).isEmpty();
        assertThat(heartbeat.lastBeat()).contains(result);
        List<JsonNode> received = controlPlane.received().heartbeats();
        assertThat(received).hasSize(1);
        JsonNode body = received.get(0);
        assertThat(body.get("uuid").asText()).isEqualTo(Fixtures.RUNTIME_ID.toString());
        String createdAt = body.get("created_at").asText();
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(OffsetDateTime.parse(createdAt).toInstant()).isBetween(before, Instant.now())
                .isEqualTo(result.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        JsonNode runtime = body.get("runtime");
        assertThat(runtime.get("version").asText()).isEqualTo("0.1.0");
        assertThat(runtime.get("components").get(0).get("id").asText()).isEqualTo("job-runner");
        assertThat(runtime.get("plugins").get(0).get("digest").asText()).isEqualTo(Fixtures.DIGEST.toString());
        assertThat(runtime.get("last-run").get("job").asText()).isEqualTo("host-os");
        assertThat(runtime.get("outbox").get("pending").asLong()).isEqualTo(4);

        RecordedRequest request = heartbeatRequests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.status()).isEqualTo(201);
        assertThat(request.headers()).containsEntry("content-type", "application/json");
    }

    @Test
    void theTimerRouteSendsEveryInterval() throws Exception {
        camel.addRoutes(new HeartbeatTimerRoute(Duration.ofMillis(200), Duration.ZERO));

        assertThat(camel.getRoute(HeartbeatTimerRoute.ROUTE_ID)).isNotNull();
        assertThat(camel.getRoute(HeartbeatSendRoute.ROUTE_ID)).isNotNull();
        assertThat(controlPlane.received().awaitHeartbeats(3, WAIT)).isTrue();
        // Timed beats are recorded like asked-for ones.
        assertThat(heartbeat.lastBeat()).hasValueSatisfying(last -> assertThat(last.delivered()).isTrue());
        assertThat(controlPlane.received().heartbeats())
                .allSatisfy(beat -> assertThat(beat.get("uuid").asText()).isEqualTo(Fixtures.RUNTIME_ID.toString()));
    }

    @Test
    void aServerErrorIsNotDeliveredAndSaysWhy() {
        controlPlane.faults().inject(HeartbeatSendRoute.PATH, Fault.status(500), 1);

        HeartbeatResult result = heartbeat.beat();

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).startsWith("HTTP 500 Internal Server Error").contains("injected fault");
        assertThat(heartbeat.beat().delivered()).isTrue();
    }

    @Test
    void aDroppedConnectionIsNotDeliveredAndNamesTheError() {
        controlPlane.faults().inject(HeartbeatSendRoute.PATH, Fault.drop(), 1);

        HeartbeatResult result = heartbeat.beat();

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).startsWith("no reply: ");
    }

    @Test
    void threeFailuresTakeTheLinkDownAndOneDeliveryRecoversIt() {
        assertThat(heartbeat.beat().delivered()).isTrue();
        assertThat(health.health().state()).isEqualTo(HealthState.UP);

        controlPlane.faults().down();
        HeartbeatResult first = heartbeat.beat();
        assertThat(first.delivered()).isFalse();
        assertThat(first.detail()).startsWith("no reply: ");
        heartbeat.beat();
        assertThat(health.health().state()).isEqualTo(HealthState.UP);
        HeartbeatResult third = heartbeat.beat();

        ComponentHealth degraded = health.health();
        assertThat(degraded.state()).isEqualTo(HealthState.DOWN);
        assertThat(degraded.detail()).contains(third.detail());
        assertThat(degraded.facts()).containsEntry("consecutiveFailures", "3").containsEntry("lastDelivered", "false")
                .containsEntry("lastBeatAt", third.at().toString()).containsEntry("interval", "PT1M");

        controlPlane.faults().up();
        HeartbeatResult recovered = heartbeat.beat();
        assertThat(recovered.delivered()).as(recovered.detail()).isTrue();
        ComponentHealth up = health.health();
        assertThat(up.state()).isEqualTo(HealthState.UP);
        assertThat(up.detail()).contains(recovered.at().toString(), "delivered");
        assertThat(up.facts()).containsEntry("consecutiveFailures", "0");
    }

    @Test
    void aBeatThatOutlastsTheTimeoutReturnsNotDelivered() throws Exception {
        Heartbeat impatient = new HeartbeatService(camel, log, Clock.systemUTC(), Duration.ofMillis(300));
        controlPlane.faults().inject(HeartbeatSendRoute.PATH, Fault.slow(Duration.ofSeconds(2)), 1);

        HeartbeatResult result = impatient.beat();

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).isEqualTo("no reply within 300 ms");
        // The route finishes on its own and records the late delivery.
        assertThat(controlPlane.received().awaitHeartbeats(1, WAIT)).isTrue();
        ((HeartbeatService) impatient).deactivate();
    }

    @Test
    void withoutTheSendRouteNothingIsSentAndTheResultSaysSo() throws Exception {
        camel.getRouteController().stopRoute(HeartbeatSendRoute.ROUTE_ID);
        camel.removeRoute(HeartbeatSendRoute.ROUTE_ID);

        HeartbeatResult result = heartbeat.beat();

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).contains(HeartbeatSendRoute.ROUTE_ID, "did not run");
        assertThat(heartbeat.lastBeat()).contains(result);
        assertThat(controlPlane.received().heartbeats()).isEmpty();
    }

    private List<RecordedRequest> heartbeatRequests() {
        return controlPlane.received().requests().stream().filter(r -> r.path().equals(HeartbeatSendRoute.PATH))
                .toList();
    }

    private static RuntimeIdentity identity() {
        return () -> Fixtures.RUNTIME_ID;
    }

    /**
     * The authentication bundle's shared route, reduced to its contract: only the method and path get
     * through, the body goes as exactly {@code application/json}, and every status comes back as a reply.
     */
    private static RouteBuilder standInControlPlaneRoute(int port) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // The caller judges failures (the exchange's exception): no stack trace logged per outage.
                errorHandler(noErrorHandler());
                from(ControlPlaneConnection.ENDPOINT).routeId(ControlPlaneConnection.ROUTE_ID)
                        .removeHeaders("*", Exchange.HTTP_METHOD, Exchange.HTTP_PATH)
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .to("http://127.0.0.1:" + port + "?throwExceptionOnFailure=false")
                        .convertBodyTo(byte[].class);
            }
        };
    }
}
