package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.HeartbeatResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Part of the hostile-input suite: a heartbeat that never comes back (the control-plane route parked on
 * a control plane that does not answer) must not leave the heartbeat UP. The stand-in route blocks until
 * released, as a wedged link did before every exchange had a deadline.
 */
class HostileHeartbeatTest {

    private static final Duration STUCK_AFTER = Duration.ofMillis(200);

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final BeatLog log = new BeatLog();
    private CamelContext camel;
    private HeartbeatService heartbeat;
    private HeartbeatHealth health;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ControlPlaneConnection.ENDPOINT).routeId(ControlPlaneConnection.ROUTE_ID)
                        .process(exchange -> {
                            entered.countDown();
                            release.await();
                            exchange.getMessage().setHeader("CamelHttpResponseCode", 201);
                            exchange.getMessage().setBody(new byte[0]);
                        });
            }
        });
        HeartbeatSendRoute send = new HeartbeatSendRoute(() -> UUID.randomUUID(), log, Clock.systemUTC());
        send.bind(Fixtures.status(), Fixtures.store(), null, Fixtures.results());
        camel.addRoutes(send);
        camel.start();
        heartbeat = new HeartbeatService(camel, log, Clock.systemUTC(), Duration.ofMillis(100));
        health = new HeartbeatHealth(log, Clock.systemUTC(), STUCK_AFTER);
        health.bind(Fixtures.connection(URI.create("http://127.0.0.1:1"), Duration.ofMinutes(1)), heartbeat);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        heartbeat.deactivate();
        camel.stop();
    }

    @Test
    void aHeartbeatStuckPastItsDeadlineShowsTheLinkDownUntilItEnds() throws Exception {
        HeartbeatResult waited = heartbeat.beat();
        assertThat(waited.delivered()).isFalse();
        assertThat(waited.detail()).startsWith("no reply within");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (health.health().state() != HealthState.DOWN && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        ComponentHealth stuck = health.health();
        assertThat(stuck.state()).isEqualTo(HealthState.DOWN);
        assertThat(stuck.detail()).startsWith("control plane link stuck: the heartbeat sent at ");
        assertThat(stuck.facts()).containsKey("inFlightSince");

        release.countDown();
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.snapshot().sending().isPresent() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(health.health().state()).isEqualTo(HealthState.UP);
        assertThat(log.snapshot().last()).hasValueSatisfying(last -> assertThat(last.delivered()).isTrue());
    }
}
