package org.assessmentruntime.api;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The runtime's components, each shipped as its own bundle.
 *
 * <p>The status service walks this list rather than the services it happens to find, so that a
 * component whose bundle is missing, stopped or unsatisfied still shows up (as not running) instead
 * of silently disappearing from {@code assessment:status}.
 */
public enum ComponentId {
    /** Proves the runtime to the control plane (client-credentials tokens, mTLS). */
    AUTHENTICATION("authentication", "Authentication"),
    /** Pulls configuration from the control plane and applies it through ConfigAdmin. */
    CONFIGURATION("configuration", "Configuration"),
    /** Starts jobs on cron expressions, intervals, file changes and on demand. */
    SCHEDULER("scheduler", "Scheduler"),
    /** Resolves and downloads plugins from registries. */
    PLUGIN_MANAGER("plugin-manager", "Plugin Manager"),
    /** Local content-addressed store of verified plugins. */
    PLUGIN_STORE("plugin-store", "Plugin Store"),
    /** Builds a job's context and runs the plugin in a sandbox. */
    JOB_RUNNER("job-runner", "Job Runner"),
    /** Tells the control plane the runtime is alive. */
    HEARTBEAT("heartbeat", "Heartbeat"),
    /** Stores every result durably and delivers it to the control plane. */
    RESULTS_COLLECTOR("results-collector", "Results Collector"),
    /** Runs WebAssembly modules on one of the engines, with hard limits. */
    WASM_EXECUTOR("wasm-executor", "WASM Executor"),
    /** Apache Camel context that carries every exchange with the control plane. */
    CAMEL("camel", "Camel");

    /** Prefix of every runtime bundle's symbolic name. */
    public static final String BUNDLE_PREFIX = "org.assessmentruntime.";

    /** Service property naming the component a {@link HealthIndicator} reports for. */
    public static final String SERVICE_PROPERTY = "assessment.component";

    private final String id;
    private final String displayName;

    ComponentId(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** Stable, lower-case identifier, used in service properties, shell output and JSON. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Human-readable name for tables. */
    public String displayName() {
        return displayName;
    }

    /** Symbolic name of the bundle that carries this component. */
    public String bundleSymbolicName() {
        return BUNDLE_PREFIX + id;
    }

    /**
     * The component with this {@link #id()}, as JSON names it.
     *
     * @throws IllegalArgumentException naming the known ids, if there is none
     */
    @JsonCreator
    public static ComponentId of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown component '" + id
                + "', expected one of " + Arrays.stream(values()).map(ComponentId::id).toList()));
    }

    /** Looks a component up by its {@link #id()}. */
    public static Optional<ComponentId> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
