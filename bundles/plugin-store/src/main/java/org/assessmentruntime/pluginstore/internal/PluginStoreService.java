package org.assessmentruntime.pluginstore.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link PluginStore}: a {@link FilePluginStore} on the configured directory.
 *
 * <p>A directory that cannot be opened does not fail the component: it stays registered, reports
 * {@link HealthState#DOWN} with the reason, and its operations fail saying why, so that
 * {@code assessment:status} shows the cause rather than a component that is merely missing.
 */
@Component(configurationPid = PluginStoreService.PID,
        property = ComponentId.SERVICE_PROPERTY + "=plugin-store")
@Designate(ocd = StoreConfig.class)
public class PluginStoreService implements PluginStore, HealthIndicator {

    /** The configuration PID. */
    static final String PID = "org.assessmentruntime.pluginstore";

    private static final Logger LOG = LoggerFactory.getLogger(PluginStoreService.class);

    private volatile Opened opened;

    /** The store in use, or why there is none. */
    private record Opened(String directory, FilePluginStore store, String failure) {
    }

    /** The default of {@link StoreConfig#keepPreviousVersions()}: what a store first configured wrongly keeps. */
    static final int DEFAULT_KEEP_PREVIOUS = 1;

    /** Why the last configuration was rejected; empty when it is in effect. */
    private volatile String configProblem = "";

    /** DS constructor. */
    @Activate
    public PluginStoreService(StoreConfig config) {
        apply(config);
    }

    /** Reopens the store with a changed configuration; operations in flight finish on the old handle. */
    @Modified
    void modified(StoreConfig config) {
        apply(config);
    }

    /**
     * A value out of bounds is rejected without closing the store in use (plugins keep being found and
     * run): it keeps its previous settings (the defaults at first) and its health says why. A directory
     * that cannot be used is no such value: the store there is what was asked for, and it is DOWN.
     */
    private synchronized void apply(StoreConfig config) {
        int keep = config.keepPreviousVersions();
        if (keep < 0) {
            configProblem = "the configuration " + PID + " was rejected (keepPreviousVersions must be 0 or more, got "
                    + keep + "); the store keeps its previous settings";
            LOG.error("The configuration {} was rejected, the store keeps its previous settings: "
                    + "keepPreviousVersions must be 0 or more, got {}", PID, keep);
            if (opened == null) {
                opened = open(config.directory(), DEFAULT_KEEP_PREVIOUS);
            }
            return;
        }
        configProblem = "";
        opened = open(config.directory(), keep);
    }

    private static Opened open(String configured, int keepPreviousVersions) {
        String directory = configured;
        try {
            directory = Placeholders.expand(directory);
            return new Opened(directory, FilePluginStore.open(Path.of(directory), keepPreviousVersions), "");
        } catch (AssessmentException | IllegalArgumentException e) {
            LOG.error("The plugin store is not available: {}", e.getMessage(), e);
            return new Opened(directory, null, e.getMessage());
        }
    }

    private FilePluginStore store() throws AssessmentException {
        Opened current = opened;
        if (current.store() == null) {
            throw new AssessmentException("the plugin store is not available: " + current.failure());
        }
        return current.store();
    }

    @Override
    public InstalledPlugin put(InstalledPlugin plugin, byte[] module) throws AssessmentException {
        return store().put(plugin, module);
    }

    @Override
    public Optional<InstalledPlugin> find(PluginId id) {
        FilePluginStore store = opened.store();
        return store == null ? Optional.empty() : store.find(id);
    }

    @Override
    public byte[] module(Digest digest) throws AssessmentException {
        return store().module(digest);
    }

    @Override
    public List<InstalledPlugin> list() {
        FilePluginStore store = opened.store();
        return store == null ? List.of() : store.list();
    }

    @Override
    public Optional<InstalledPlugin> previous(PluginId id) {
        FilePluginStore store = opened.store();
        return store == null ? Optional.empty() : store.previous(id);
    }

    @Override
    public void remove(PluginId id) throws AssessmentException {
        store().remove(id);
    }

    @Override
    public long gc() throws AssessmentException {
        return store().gc();
    }

    @Override
    public ComponentHealth health() {
        Opened current = opened;
        if (current.store() == null) {
            return new ComponentHealth(ComponentId.PLUGIN_STORE, HealthState.DOWN,
                    "cannot open the plugin store: " + current.failure()
                            + (configProblem.isEmpty() ? "" : "; " + configProblem),
                    Map.of("directory", current.directory(), "configProblem", configProblem));
        }
        StoreStatus status = current.store().status();
        Map<String, String> facts = new LinkedHashMap<>();
        String problem = configProblem;
        facts.put("configProblem", problem);
        facts.put("directory", status.directory().toString());
        facts.put("versions", Integer.toString(status.versions()));
        facts.put("plugins", Integer.toString(status.plugins()));
        facts.put("modules", Integer.toString(status.modules()));
        facts.put("keepPreviousVersions", Integer.toString(status.keepPrevious()));
        if (!status.recovery().isEmpty()) {
            facts.put("recovery", status.recovery());
        }
        status.damaged().forEach((digest, message) -> facts.put("damaged:" + digest, message));
        status.lost().forEach(line -> facts.put("lost:" + facts.size(), line));
        if (!problem.isEmpty()) {
            return new ComponentHealth(ComponentId.PLUGIN_STORE, HealthState.DEGRADED, problem, facts);
        }
        if (!status.damaged().isEmpty()) {
            return new ComponentHealth(ComponentId.PLUGIN_STORE, HealthState.DEGRADED, status.damaged().size()
                    + " stored modules failed verification and will not run; install them again", facts);
        }
        if (!status.lost().isEmpty()) {
            return new ComponentHealth(ComponentId.PLUGIN_STORE, HealthState.DEGRADED, status.recovery() + "; "
                    + status.lost().size() + " entries could not be recovered; install them again", facts);
        }
        return new ComponentHealth(ComponentId.PLUGIN_STORE, HealthState.UP, status.versions() + " plugin versions ("
                + status.plugins() + " plugins) in " + status.directory(), facts);
    }
}
