package org.assessmentruntime.shell.internal;

import java.util.List;
import java.util.Map;

import javax.management.ConstructorParameters;

/**
 * The figures of {@code assessment:status} over JMX, as
 * {@value RuntimeStatusMBeanComponent#OBJECT_NAME}.
 *
 * <p>Public because the MXBean introspector requires it; the package stays private to the bundle.
 */
public interface RuntimeStatusMXBean {

    /** Whether every component's bundle is active and none reports DOWN. */
    boolean isAllUp();

    /** The runtime's version. */
    String getVersion();

    /** When the figures were taken, ISO-8601. */
    String getTakenAt();

    /** One entry per component, in the order {@code assessment:status} lists them. */
    List<ComponentRow> getComponents();

    /** Results waiting for delivery to the control plane; -1 when the results collector is not running. */
    long getOutboxPending();

    /** Results the control plane rejected, parked for an operator; -1 when the collector is not running. */
    long getOutboxParked();

    /** The control plane's URL, or {@code standalone} when none is configured. */
    String getControlPlane();

    /** When the last heartbeat was sent and whether it was accepted; empty before the first. */
    String getLastHeartbeat();

    /** The installed plugins, one {@code namespace/name@version digest} each; empty when the plugin manager is not running. */
    List<String> getPlugins();

    /** The newest stored result: {@code <end> <job> <status>}; empty when there is none or no collector. */
    String getLastRun();

    /** One component's row; a {@code CompositeData} over JMX. */
    final class ComponentRow {
        private final String id;
        private final String bundleState;
        private final String bundleVersion;
        private final String health;
        private final String detail;
        private final Map<String, String> facts;

        /** Also used by MXBean proxies to rebuild a row from its {@code CompositeData}. */
        @ConstructorParameters({"id", "bundleState", "bundleVersion", "health", "detail", "facts"})
        public ComponentRow(String id, String bundleState, String bundleVersion, String health, String detail,
                Map<String, String> facts) {
            this.id = id;
            this.bundleState = bundleState;
            this.bundleVersion = bundleVersion;
            this.health = health;
            this.detail = detail;
            this.facts = facts == null ? Map.of() : Map.copyOf(facts);
        }

        /** The component's id, e.g. {@code results-collector}. */
        public String getId() {
            return id;
        }

        /** OSGi bundle state or {@code MISSING}. */
        public String getBundleState() {
            return bundleState;
        }

        /** The bundle's version, empty when missing. */
        public String getBundleVersion() {
            return bundleVersion;
        }

        /** The health state's name: {@code UP}, {@code DEGRADED}, {@code DOWN} or {@code DISABLED}. */
        public String getHealth() {
            return health;
        }

        /** The component's one-line account of its health. */
        public String getDetail() {
            return detail;
        }

        /** Figures behind the health (e.g. outbox backlog); a {@code TabularData} of key/value over JMX. */
        public Map<String, String> getFacts() {
            return facts;
        }
    }
}
