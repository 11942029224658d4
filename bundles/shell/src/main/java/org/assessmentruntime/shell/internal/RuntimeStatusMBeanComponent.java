package org.assessmentruntime.shell.internal;

import java.util.List;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Publishes {@code assessment:status} over JMX: Karaf's {@code management} feature (the Aries JMX
 * whiteboard) exports any service carrying {@code jmx.objectname} to the platform MBeanServer.
 *
 * <p>Every attribute read takes a fresh status, so the figures are those the shell would show at that
 * moment (reading several attributes takes several snapshots).
 */
@Component(service = RuntimeStatusMXBean.class,
        property = "jmx.objectname=" + RuntimeStatusMBeanComponent.OBJECT_NAME)
public class RuntimeStatusMBeanComponent implements RuntimeStatusMXBean {

    /** The MBean's object name. */
    public static final String OBJECT_NAME = "org.assessmentruntime:type=RuntimeStatus";

    private final StatusService statusService;

    // Optional and dynamic: the MBean must stay up (and say so) while these components come and go.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ResultsCollector collector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ControlPlaneConnection connection;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Heartbeat heartbeat;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PluginManager plugins;

    /** DS constructor. */
    @Activate
    public RuntimeStatusMBeanComponent(@Reference StatusService statusService) {
        this.statusService = statusService;
    }

    @Override
    public boolean isAllUp() {
        return statusService.status().allUp();
    }

    @Override
    public String getVersion() {
        return statusService.status().version();
    }

    @Override
    public String getTakenAt() {
        return String.valueOf(statusService.status().takenAt());
    }

    @Override
    public List<ComponentRow> getComponents() {
        return rows(statusService.status());
    }

    @Override
    public long getOutboxPending() {
        ResultsCollector c = collector;
        return c == null ? -1 : c.backlog().pending();
    }

    @Override
    public long getOutboxParked() {
        ResultsCollector c = collector;
        return c == null ? -1 : c.backlog().parked();
    }

    @Override
    public String getControlPlane() {
        ControlPlaneConnection c = connection;
        return c == null ? "standalone" : c.baseUrl().toString();
    }

    @Override
    public String getLastHeartbeat() {
        Heartbeat h = heartbeat;
        return h == null ? "" : h.lastBeat().map(b -> b.at() + (b.delivered() ? " accepted" : " not accepted: "
                + b.detail())).orElse("");
    }

    @Override
    public List<String> getPlugins() {
        PluginManager p = plugins;
        return p == null ? List.of() : p.installed().stream().map(i -> i.id() + " " + i.digest()).toList();
    }

    @Override
    public String getLastRun() {
        ResultsCollector c = collector;
        if (c == null) {
            return "";
        }
        return c.query(ResultQuery.latest(1)).stream().findFirst().map(stored -> {
            AssessmentResult r = stored.result();
            return r.provenance().end() + " " + r.jobId() + " " + r.status();
        }).orElse("");
    }

    static List<ComponentRow> rows(RuntimeStatus status) {
        return status.components().stream().map(RuntimeStatusMBeanComponent::row).toList();
    }

    private static ComponentRow row(ComponentStatus status) {
        ComponentHealth health = status.health();
        return new ComponentRow(status.component().id(), status.bundleState(), status.bundleVersion(),
                health.state().name(), health.detail(), health.facts());
    }
}
