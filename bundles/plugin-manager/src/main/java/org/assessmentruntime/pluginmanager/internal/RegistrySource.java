package org.assessmentruntime.pluginmanager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin registry as a source of plugins: installs and upgrades through a {@link RegistryInstaller}
 * (which verifies digest and signature and keeps the lock file), under the manager's lock on changes.
 * When the registry is unreachable (or answers 5xx) the failure is kept, with its time, until the next
 * successful call, so that the manager reports itself degraded meanwhile.
 */
final class RegistrySource {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySource.class);

    static final String NO_REGISTRY = "no plugin registry is configured (set registryUrl); plugins in the"
            + " local plugin directories are installed at start";

    /**
     * The plugin registry failed to answer.
     *
     * @param reason what failed
     * @param since  when
     */
    record Outage(String reason, Instant since) {
    }

    private final PluginStore store;
    private final Preparer preparer;
    private final InstalledVersions installed;
    private final Object changes;
    /** The last registry failure (unreachable, timeout, 5xx) since the last success; null when none. */
    private volatile Outage outage;

    RegistrySource(PluginStore store, Preparer preparer, InstalledVersions installed, Object changes) {
        this.store = store;
        this.preparer = preparer;
        this.installed = installed;
        this.changes = changes;
    }

    InstalledPlugin install(PluginRef ref, Settings settings) throws AssessmentException {
        if (ref.source() != null && ref.source() != InstalledPlugin.Source.REGISTRY) {
            throw new AssessmentException("cannot install " + ref + " from a plugin registry: it is pinned to"
                    + " another source");
        }
        VersionConstraint constraint = VersionConstraint.parse(ref.version());
        RegistryInstaller registry = installer(settings);
        if (registry == null) {
            throw new AssessmentException("cannot install " + ref + ": " + NO_REGISTRY + " ("
                    + settings.localDirectories() + ")");
        }
        synchronized (changes) {
            try {
                return call(settings, () -> registry.install(ref.name(), constraint, ref.digest()));
            } finally {
                installed.refreshCounts();
            }
        }
    }

    Optional<InstalledPlugin> upgrade(String name, Settings settings) throws AssessmentException {
        if (installed.versions(name).isEmpty()) {
            throw new NotFoundException(name + " is not installed");
        }
        RegistryInstaller registry = installer(settings);
        if (registry == null) {
            throw new AssessmentException("cannot upgrade " + name + ": " + NO_REGISTRY);
        }
        synchronized (changes) {
            try {
                List<InstalledPlugin> now = installed.versions(name);
                return call(settings, () -> registry.upgrade(name, now.get(now.size() - 1)));
            } finally {
                installed.refreshCounts();
            }
        }
    }

    /** Upgrades every plugin installed from the registry; those from elsewhere are left alone. */
    List<InstalledPlugin> upgradeAll(Settings settings) throws AssessmentException {
        List<String> names = store.list().stream().map(p -> p.id().name()).distinct().toList();
        if (names.isEmpty()) {
            return List.of();
        }
        if (installer(settings) == null) {
            throw new AssessmentException("cannot upgrade " + names + ": " + NO_REGISTRY);
        }
        List<String> fromRegistry = store.list().stream().filter(p -> p.source() == InstalledPlugin.Source.REGISTRY)
                .map(p -> p.id().name()).distinct().toList();
        List<InstalledPlugin> upgraded = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String name : fromRegistry) {
            try {
                upgrade(name, settings).ifPresent(upgraded::add);
            } catch (AssessmentException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssessmentException("upgraded " + upgraded.stream().map(p -> p.id().toString()).toList()
                    + "; could not upgrade " + failures.size() + " plugins: " + String.join("; ", failures));
        }
        return upgraded;
    }

    /** The last failure to reach the registry since the last success; null when none. */
    Outage outage() {
        return outage;
    }

    private RegistryInstaller installer(Settings settings) {
        RegistryInstaller.Config config = settings.registry();
        return config == null ? null : new RegistryInstaller(store, preparer, config);
    }

    /** A call that talks to the registry. */
    @FunctionalInterface
    private interface Call<T> {
        T call() throws AssessmentException;
    }

    /** Records an unavailable registry, and clears that record on the next successful call. */
    private <T> T call(Settings settings, Call<T> call) throws AssessmentException {
        try {
            T result = call.call();
            if (outage != null) {
                LOG.info("Plugin registry {} is available again", settings.registry().url());
            }
            outage = null;
            return result;
        } catch (RegistryUnavailableException e) {
            outage = new Outage(e.getMessage(), Instant.now());
            LOG.warn("Plugin registry unavailable; running with the {} installed plugin versions: {}",
                    store.list().size(), e.getMessage());
            throw e;
        }
    }
}
