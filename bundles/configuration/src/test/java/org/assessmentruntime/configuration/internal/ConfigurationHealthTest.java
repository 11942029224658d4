package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RemoteConfigMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationHealthTest {

    @TempDir
    Path dir;

    private final Fakes.ConfigAdmin cm = new Fakes.ConfigAdmin();

    private ConfigurationHealth health(RemoteConfigMode mode) {
        ControlPlaneConnection connection = mock(ControlPlaneConnection.class);
        when(connection.remoteConfigMode()).thenReturn(mode);
        when(connection.configPollInterval()).thenReturn(Duration.ofMinutes(1));
        ConfigSyncer syncer = new ConfigSyncer(mode, new StateStore(dir, Clock.systemUTC()),
                new OverlayValidator(Fakes.schemas()), new ConfigApplier(cm.admin), new FakeScheduler().schedulerJobs(),
                Clock.systemUTC());
        ConfigurationHealth health = new ConfigurationHealth();
        health.connection = connection;
        health.sync = new RemoteConfigService(connection, UUID::randomUUID, mock(CamelContext.class), syncer, "1");
        return health;
    }

    @Test
    void standaloneIsUp() {
        ComponentHealth health = new ConfigurationHealth().health();

        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.detail()).isEqualTo("standalone: local configuration only");
    }

    @Test
    void aConnectionWithoutTheSyncServiceIsDown() {
        ConfigurationHealth health = new ConfigurationHealth();
        health.connection = mock(ControlPlaneConnection.class);

        assertThat(health.health().state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void offIsUp() {
        ComponentHealth health = health(RemoteConfigMode.OFF).health();

        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.detail()).isEqualTo("remote configuration off");
        assertThat(health.facts()).containsEntry("mode", "off");
    }

    @Test
    void showsTheRevisionAndTheLastOutcomeAndDegradesOnFailureOrRejection() {
        ConfigurationHealth health = health(RemoteConfigMode.APPLY);
        assertThat(health.health().detail()).isEqualTo("apply_safe: no remote revision applied (local configuration"
                + " only); not synced yet");

        health.sync.syncer().onReply(200, "\"e1\"", "{\"data\":{\"revision\":3,\"overlay\":{}}}".getBytes(StandardCharsets.UTF_8));
        ComponentHealth applied = health.health();
        assertThat(applied.state()).isEqualTo(HealthState.UP);
        assertThat(applied.detail()).isEqualTo("apply_safe: revision 3 applied; last sync APPLIED");
        assertThat(applied.facts()).containsEntry("appliedRevision", "3").containsEntry("etag", "\"e1\"")
                .containsEntry("lastOutcome", "APPLIED").containsKey("lastSyncAt");

        health.sync.syncer().onReply(503, null, null);
        ComponentHealth failed = health.health();
        assertThat(failed.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(failed.detail()).isEqualTo("apply_safe: revision 3 applied; last sync FAILED: control plane answered"
                + " HTTP 503 to GET /api/agent/config");

        health.sync.syncer().onReply(200, "\"e2\"", "{\"data\":{\"revision\":4,\"overlay\":{\"x\":1}}}"
                .getBytes(StandardCharsets.UTF_8));
        ComponentHealth rejected = health.health();
        assertThat(rejected.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(rejected.detail()).contains("revision 3 applied; last sync REJECTED: revision 4 rejected: unknown section 'x'");
    }
}
