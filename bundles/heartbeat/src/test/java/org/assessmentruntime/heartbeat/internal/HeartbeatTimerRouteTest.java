package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HeartbeatTimerRouteTest {

    @Test
    void theFirstBeatComesAtARandomPointWithinTheFirstInterval() {
        Duration interval = Duration.ofMinutes(1);
        Set<Duration> delays = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            HeartbeatTimerRoute route = new HeartbeatTimerRoute(Fixtures.connection(URI.create("https://cp"), interval));
            assertThat(route.interval()).isEqualTo(interval);
            assertThat(route.initialDelay()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(interval);
            delays.add(route.initialDelay());
        }
        // 200 draws from 60 000 ms: a constant (a stampede) would give one value.
        assertThat(delays).hasSizeGreaterThan(100);
    }

    @Test
    void aNonPositiveIntervalIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new HeartbeatTimerRoute(Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("heartbeatInterval").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new HeartbeatTimerRoute(Fixtures.connection(URI.create("https://cp"),
                Duration.ofSeconds(-5)))).hasMessageContaining("heartbeatInterval");
    }
}
