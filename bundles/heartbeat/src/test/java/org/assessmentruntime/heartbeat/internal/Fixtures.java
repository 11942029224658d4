package org.assessmentruntime.heartbeat.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.RemoteConfigMode;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginGrants;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;

/** Stand-ins for the services a heartbeat's summary comes from. */
final class Fixtures {

    static final UUID RUNTIME_ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
    static final Instant LAST_RUN_END = Instant.parse("2026-11-25T10:14:00Z");
    static final Instant OLDEST_PENDING = Instant.parse("2026-11-25T09:00:00Z");
    static final Digest DIGEST = Digest.sha256(new byte[] {0, 'a', 's', 'm'});

    private Fixtures() {
    }

    static ControlPlaneConnection connection(URI baseUrl, Duration interval) {
        return new ControlPlaneConnection() {
            @Override
            public URI baseUrl() {
                return baseUrl;
            }

            @Override
            public Duration heartbeatInterval() {
                return interval;
            }

            @Override
            public Duration configPollInterval() {
                return Duration.ofMinutes(1);
            }

            @Override
            public RemoteConfigMode remoteConfigMode() {
                return RemoteConfigMode.values()[0];
            }
        };
    }

    static StatusService status() {
        StatusService status = mock(StatusService.class);
        when(status.status()).thenReturn(new RuntimeStatus("0.1.0", NOW, List.of(
                new ComponentStatus(ComponentId.JOB_RUNNER, "ACTIVE", "0.1.0",
                        ComponentHealth.of(ComponentId.JOB_RUNNER, HealthState.UP, "")),
                new ComponentStatus(ComponentId.PLUGIN_MANAGER, "MISSING", "",
                        ComponentHealth.of(ComponentId.PLUGIN_MANAGER, HealthState.DOWN, "not installed")))));
        return status;
    }

    static PluginStore store() {
        PluginDescriptor descriptor = new PluginDescriptor("examples/os-baseline", "1.2.0", "test plugin", 1, Map.of(),
                PluginGrants.NONE, new ResourceLimits(Duration.ofSeconds(60), 256L << 20, 1L << 20, 64L << 10), "");
        PluginStore store = mock(PluginStore.class);
        when(store.list()).thenReturn(List.of(new InstalledPlugin(descriptor, DIGEST, InstalledPlugin.Source.LOCAL,
                InstalledPlugin.SignatureStatus.UNSIGNED, "", NOW)));
        return store;
    }

    static ResultsCollector results() {
        Provenance provenance = mock(Provenance.class);
        when(provenance.end()).thenReturn(LAST_RUN_END);
        AssessmentResult result = mock(AssessmentResult.class);
        when(result.jobId()).thenReturn("host-os");
        when(result.status()).thenReturn(ResultStatus.FAIL);
        when(result.provenance()).thenReturn(provenance);
        StoredResult stored = mock(StoredResult.class);
        when(stored.result()).thenReturn(result);
        ResultsCollector results = mock(ResultsCollector.class);
        when(results.query(ResultQuery.latest(1))).thenReturn(List.of(stored));
        when(results.backlog()).thenReturn(new DeliveryBacklog(4, 1, OLDEST_PENDING));
        return results;
    }
}
