package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.junit.jupiter.api.Test;

class HeartbeatHealthTest {

    private static final URI CP = URI.create("https://cp.example.com");

    private final BeatLog log = new BeatLog();
    private final HeartbeatHealth health = new HeartbeatHealth(log);

    @Test
    void standaloneIsUpAndSaysNoHeartbeatsAreSent() {
        ComponentHealth report = health.health();

        assertThat(report.component()).isEqualTo(ComponentId.HEARTBEAT);
        assertThat(report.state()).isEqualTo(HealthState.UP);
        assertThat(report.detail()).isEqualTo("standalone: no control plane configured, no heartbeats sent");
    }

    @Test
    void connectedBeforeTheFirstBeatIsUpWithTheInterval() {
        connected();

        ComponentHealth report = health.health();

        assertThat(report.state()).isEqualTo(HealthState.UP);
        assertThat(report.detail()).contains("no heartbeat sent yet", "PT1M", CP.toString());
        assertThat(report.facts()).containsEntry("interval", "PT1M").containsEntry("consecutiveFailures", "0")
                .doesNotContainKey("lastBeatAt");
    }

    @Test
    void aDeliveredBeatIsUpWithItsTime() {
        connected();
        log.record(new HeartbeatResult(Instant.parse("2026-11-25T10:00:00Z"), true, ""));

        ComponentHealth report = health.health();

        assertThat(report.state()).isEqualTo(HealthState.UP);
        assertThat(report.detail()).contains("2026-11-25T10:00:00Z", "delivered");
        assertThat(report.facts()).containsEntry("lastBeatAt", "2026-11-25T10:00:00Z")
                .containsEntry("lastDelivered", "true").containsEntry("consecutiveFailures", "0");
    }

    @Test
    void twoFailuresAreAHiccupThreeAreDownAndOneDeliveryRecovers() {
        connected();
        failed(1);
        failed(2);
        assertThat(health.health().state()).isEqualTo(HealthState.UP);
        assertThat(health.health().detail()).contains("2 heartbeat(s) in a row", "HTTP 503 #2");

        failed(3);
        ComponentHealth degraded = health.health();
        assertThat(degraded.state()).isEqualTo(HealthState.DOWN);
        assertThat(degraded.detail()).contains("3 heartbeat(s) in a row", "HTTP 503 #3");
        assertThat(degraded.facts()).containsEntry("consecutiveFailures", "3").containsEntry("lastDelivered", "false");

        log.record(new HeartbeatResult(Instant.parse("2026-11-25T10:05:00Z"), true, ""));
        ComponentHealth recovered = health.health();
        assertThat(recovered.state()).isEqualTo(HealthState.UP);
        assertThat(recovered.facts()).containsEntry("consecutiveFailures", "0")
                .containsEntry("lastBeatAt", "2026-11-25T10:05:00Z");
    }

    @Test
    void aConfiguredControlPlaneWithoutTheHeartbeatServiceIsDown() {
        health.bind(Fixtures.connection(CP, Duration.ofMinutes(1)), null);

        ComponentHealth report = health.health();

        assertThat(report.state()).isEqualTo(HealthState.DOWN);
        assertThat(report.detail()).contains("not running", "scr:list");
    }

    private void connected() {
        health.bind(Fixtures.connection(CP, Duration.ofMinutes(1)), mock(Heartbeat.class));
    }

    private void failed(int n) {
        log.record(new HeartbeatResult(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * n), false,
                "HTTP 503 #" + n));
    }
}
