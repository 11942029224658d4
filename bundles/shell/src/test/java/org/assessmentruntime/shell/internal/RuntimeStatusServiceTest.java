package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RuntimeStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

class RuntimeStatusServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final List<Bundle> bundles = new ArrayList<>();
    private RuntimeStatusService service;

    @BeforeEach
    void setUp() {
        BundleContext context = mock(BundleContext.class);
        Bundle self = bundle("org.assessmentruntime.shell", "0.1.0", Bundle.ACTIVE);
        when(context.getBundle()).thenReturn(self);
        when(context.getBundles()).thenAnswer(inv -> bundles.toArray(new Bundle[0]));
        service = new RuntimeStatusService(context, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void everyComponentHasARowEvenWithoutItsBundle() {
        RuntimeStatus status = service.status();

        assertThat(status.components()).extracting(ComponentStatus::component)
                .containsExactly(ComponentId.values());
        assertThat(status.components()).allSatisfy(row -> {
            assertThat(row.bundleState()).isEqualTo("MISSING");
            assertThat(row.health().state()).isEqualTo(HealthState.DOWN);
        });
        assertThat(status.takenAt()).isEqualTo(NOW);
        assertThat(status.allUp()).isFalse();
    }

    @Test
    void reportsTheHealthOfRegisteredIndicators() {
        for (ComponentId id : ComponentId.values()) {
            bundles.add(bundle(id.bundleSymbolicName(), "0.1.0", Bundle.ACTIVE));
            service.bindHealthIndicator(() -> ComponentHealth.of(id, HealthState.UP, "fine"),
                    Map.of(ComponentId.SERVICE_PROPERTY, id.id()));
        }

        RuntimeStatus status = service.status();

        assertThat(status.allUp()).isTrue();
        assertThat(status.components()).allSatisfy(row -> {
            assertThat(row.bundleState()).isEqualTo("ACTIVE");
            assertThat(row.bundleVersion()).isEqualTo("0.1.0");
            assertThat(row.health().detail()).isEqualTo("fine");
        });
    }

    @Test
    void activeBundleWithoutComponentIsDownAndNamesTheLikelyCause() {
        bundles.add(bundle(ComponentId.HEARTBEAT.bundleSymbolicName(), "0.1.0", Bundle.ACTIVE));

        ComponentStatus heartbeat = rowOf(ComponentId.HEARTBEAT);

        assertThat(heartbeat.health().state()).isEqualTo(HealthState.DOWN);
        assertThat(heartbeat.health().detail()).contains("not registered");
    }

    @Test
    void resolvedBundleIsReportedAsSuch() {
        bundles.add(bundle(ComponentId.SCHEDULER.bundleSymbolicName(), "0.1.0", Bundle.RESOLVED));

        ComponentStatus scheduler = rowOf(ComponentId.SCHEDULER);

        assertThat(scheduler.bundleState()).isEqualTo("RESOLVED");
        assertThat(scheduler.health().detail()).isEqualTo("bundle is RESOLVED");
    }

    @Test
    void unbindingAnIndicatorRemovesItsHealth() {
        bundles.add(bundle(ComponentId.CAMEL.bundleSymbolicName(), "0.1.0", Bundle.ACTIVE));
        HealthIndicator indicator = () -> ComponentHealth.of(ComponentId.CAMEL, HealthState.UP, "3 routes");
        Map<String, Object> props = Map.of(ComponentId.SERVICE_PROPERTY, "camel");
        service.bindHealthIndicator(indicator, props);
        assertThat(rowOf(ComponentId.CAMEL).health().state()).isEqualTo(HealthState.UP);

        service.unbindHealthIndicator(indicator, props);

        assertThat(rowOf(ComponentId.CAMEL).health().state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void aFailingIndicatorDoesNotBreakTheOthers() {
        bundles.add(bundle(ComponentId.PLUGIN_STORE.bundleSymbolicName(), "0.1.0", Bundle.ACTIVE));
        bundles.add(bundle(ComponentId.JOB_RUNNER.bundleSymbolicName(), "0.1.0", Bundle.ACTIVE));
        service.bindHealthIndicator(() -> {
            throw new IllegalStateException("disk gone");
        }, Map.of(ComponentId.SERVICE_PROPERTY, "plugin-store"));
        service.bindHealthIndicator(() -> ComponentHealth.of(ComponentId.JOB_RUNNER, HealthState.UP, ""),
                Map.of(ComponentId.SERVICE_PROPERTY, "job-runner"));

        assertThat(rowOf(ComponentId.PLUGIN_STORE).health().detail()).contains("disk gone");
        assertThat(rowOf(ComponentId.JOB_RUNNER).health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void theNewestOfSeveralInstalledVersionsCounts() {
        bundles.add(bundle(ComponentId.HEARTBEAT.bundleSymbolicName(), "0.1.0", Bundle.RESOLVED));
        bundles.add(bundle(ComponentId.HEARTBEAT.bundleSymbolicName(), "0.2.0", Bundle.ACTIVE));

        assertThat(rowOf(ComponentId.HEARTBEAT).bundleVersion()).isEqualTo("0.2.0");
    }

    private ComponentStatus rowOf(ComponentId id) {
        return service.status().components().stream().filter(c -> c.component() == id).findFirst().orElseThrow();
    }

    private static Bundle bundle(String symbolicName, String version, int state) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn(symbolicName);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getState()).thenReturn(state);
        return bundle;
    }
}
