package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuntimeStatusMBeanComponentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private RuntimeStatus status;
    private MBeanServer server;
    private ObjectName name;
    private RuntimeStatusMBeanComponent mbean;

    @BeforeEach
    void setUp() throws Exception {
        status = new RuntimeStatus("0.1.0", NOW, List.of(
                new ComponentStatus(ComponentId.RESULTS_COLLECTOR, "ACTIVE", "0.1.0",
                        new ComponentHealth(ComponentId.RESULTS_COLLECTOR, HealthState.DEGRADED, "backlog growing",
                                Map.of("outboxBacklog", "12", "lastDelivery", "2026-11-25T11:59:00Z"))),
                new ComponentStatus(ComponentId.SCHEDULER, "MISSING", null,
                        ComponentHealth.of(ComponentId.SCHEDULER, HealthState.DOWN, "bundle is not installed"))));
        StatusService stub = () -> status;
        server = MBeanServerFactory.newMBeanServer(); // not kept by the factory: nothing to release
        name = new ObjectName(RuntimeStatusMBeanComponent.OBJECT_NAME);
        mbean = new RuntimeStatusMBeanComponent(stub);
        server.registerMBean(mbean, name);
    }

    @Test
    void exposesTheStatusFiguresAsAttributes() throws Exception {
        assertThat(server.getAttribute(name, "AllUp")).isEqualTo(false);
        assertThat(server.getAttribute(name, "Version")).isEqualTo("0.1.0");
        assertThat(server.getAttribute(name, "TakenAt")).isEqualTo("2026-11-25T12:00:00Z");

        CompositeData[] rows = (CompositeData[]) server.getAttribute(name, "Components");
        assertThat(rows).hasSize(2);
        CompositeData collector = rows[0];
        assertThat(collector.get("id")).isEqualTo("results-collector");
        assertThat(collector.get("bundleState")).isEqualTo("ACTIVE");
        assertThat(collector.get("bundleVersion")).isEqualTo("0.1.0");
        assertThat(collector.get("health")).isEqualTo("DEGRADED");
        assertThat(collector.get("detail")).isEqualTo("backlog growing");
        TabularData facts = (TabularData) collector.get("facts");
        assertThat(facts.size()).isEqualTo(2);
        assertThat(facts.get(new Object[] {"outboxBacklog"}).get("value")).isEqualTo("12");
        assertThat(facts.get(new Object[] {"lastDelivery"}).get("value")).isEqualTo("2026-11-25T11:59:00Z");

        CompositeData scheduler = rows[1];
        assertThat(scheduler.get("id")).isEqualTo("scheduler");
        assertThat(scheduler.get("bundleState")).isEqualTo("MISSING");
        assertThat(scheduler.get("bundleVersion")).isEqualTo("");
        assertThat(scheduler.get("health")).isEqualTo("DOWN");
        assertThat(((TabularData) scheduler.get("facts")).isEmpty()).isTrue();
    }

    @Test
    void showsTheOutboxAndTheControlPlaneLinkAndSaysWhenTheirComponentsAreMissing() throws Exception {
        assertThat(server.getAttribute(name, "OutboxPending")).isEqualTo(-1L);
        assertThat(server.getAttribute(name, "ControlPlane")).isEqualTo("standalone");
        assertThat(server.getAttribute(name, "LastHeartbeat")).isEqualTo("");

        ResultsCollector collector = mock(ResultsCollector.class);
        when(collector.backlog()).thenReturn(new DeliveryBacklog(7, 2, NOW));
        ControlPlaneConnection connection = mock(ControlPlaneConnection.class);
        when(connection.baseUrl()).thenReturn(URI.create("https://cp.example.com"));
        Heartbeat heartbeat = mock(Heartbeat.class);
        when(heartbeat.lastBeat()).thenReturn(Optional.of(new HeartbeatResult(NOW, false, "HTTP 503")));
        mbean.collector = collector;
        mbean.connection = connection;
        mbean.heartbeat = heartbeat;

        assertThat(server.getAttribute(name, "OutboxPending")).isEqualTo(7L);
        assertThat(server.getAttribute(name, "OutboxParked")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "ControlPlane")).isEqualTo("https://cp.example.com");
        assertThat(server.getAttribute(name, "LastHeartbeat")).isEqualTo("2026-11-25T12:00:00Z not accepted: HTTP 503");
    }

    @Test
    void listsThePluginsAndTheLastRun() throws Exception {
        assertThat((String[]) server.getAttribute(name, "Plugins")).isEmpty();
        assertThat(server.getAttribute(name, "LastRun")).isEqualTo("");

        PluginDescriptor descriptor = new PluginDescriptor("acme/tls", "2.0.0", "Checks TLS", 1, Map.of(), null, null,
                "");
        Digest digest = Digest.sha256("module".getBytes(StandardCharsets.UTF_8));
        PluginManager manager = mock(PluginManager.class);
        when(manager.installed()).thenReturn(List.of(new InstalledPlugin(descriptor, digest,
                InstalledPlugin.Source.LOCAL, InstalledPlugin.SignatureStatus.UNSIGNED, null, NOW)));
        mbean.plugins = manager;
        ResultsCollector collector = mock(ResultsCollector.class);
        when(collector.query(any())).thenReturn(List.of());
        mbean.collector = collector;

        assertThat((String[]) server.getAttribute(name, "Plugins")).containsExactly("acme/tls@2.0.0 " + digest);
        assertThat(server.getAttribute(name, "LastRun")).isEqualTo("");
    }

    @Test
    void readsAFreshStatusOnEveryAccess() throws Exception {
        status = new RuntimeStatus("0.2.0", NOW, List.of(new ComponentStatus(ComponentId.CAMEL, "ACTIVE", "0.2.0",
                ComponentHealth.of(ComponentId.CAMEL, HealthState.UP, "fine"))));

        assertThat(server.getAttribute(name, "AllUp")).isEqualTo(true);
        assertThat(server.getAttribute(name, "Version")).isEqualTo("0.2.0");
    }

    @Test
    void aProxyRebuildsTheRows() {
        RuntimeStatusMXBean proxy = JMX.newMXBeanProxy(server, name, RuntimeStatusMXBean.class);

        assertThat(proxy.isAllUp()).isFalse();
        RuntimeStatusMXBean.ComponentRow row = proxy.getComponents().get(0);
        assertThat(row.getId()).isEqualTo("results-collector");
        assertThat(row.getFacts()).containsEntry("outboxBacklog", "12").hasSize(2);
    }
}
