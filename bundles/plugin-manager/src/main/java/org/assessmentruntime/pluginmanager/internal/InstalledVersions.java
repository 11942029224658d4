package org.assessmentruntime.pluginmanager.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store holds, as the plugin manager keeps track of it: versions by name, the counts its health
 * reports, the versions that cannot run, and the removal of versions with the eviction of compiled modules
 * nothing uses any more. Callers hold the manager's lock on changes around anything that changes the store.
 */
final class InstalledVersions {

    private static final Logger LOG = LoggerFactory.getLogger(InstalledVersions.class);

    private final PluginStore store;
    private final Preparer preparer;
    /** Installed versions that failed to compile when an executor arrived, with the reason. */
    private final Map<PluginId, String> unusable = new ConcurrentHashMap<>();
    /** Versions, then distinct plugins: refreshed after every change, read without a lock. */
    private volatile int[] counts = { 0, 0 };

    InstalledVersions(PluginStore store, Preparer preparer) {
        this.store = store;
        this.preparer = preparer;
    }

    /** Installed versions of a plugin, lowest first. */
    List<InstalledPlugin> versions(String name) {
        String checked = new PluginRef(name, null).name();
        return store.list().stream().filter(p -> p.id().name().equals(checked)).toList();
    }

    /** Removes the versions a reference matches ({@code namespace/name} alone: every version). */
    List<InstalledPlugin> remove(PluginRef ref) throws AssessmentException {
        // "namespace/name" alone means every version, pre-releases included.
        VersionConstraint constraint = PluginRef.ANY.equals(ref.version()) ? null : VersionConstraint.parse(ref.version());
        List<InstalledPlugin> matching = versions(ref.name()).stream()
                .filter(p -> constraint == null || constraint.allows(p.id().version())).toList();
        if (matching.isEmpty()) {
            throw new NotFoundException("no installed version of " + ref.name() + " matches '" + ref.version()
                    + "'; installed: " + versions(ref.name()).stream().map(p -> p.id().version()).toList());
        }
        for (InstalledPlugin plugin : matching) {
            store.remove(plugin.id());
        }
        evictUnused(matching);
        return matching;
    }

    /** Removes the highest version of a plugin, so that the one before it is in force again. */
    InstalledPlugin rollback(String name) throws AssessmentException {
        List<InstalledPlugin> versions = versions(name);
        if (versions.isEmpty()) {
            throw new NotFoundException(name + " is not installed");
        }
        InstalledPlugin highest = versions.get(versions.size() - 1);
        InstalledPlugin previous = store.previous(highest.id()).orElseThrow(() -> new NotFoundException(
                highest.id() + " is the only installed version of " + name + "; there is none to go back to"));
        store.remove(highest.id());
        evictUnused(List.of(highest));
        LOG.info("Rolled back {} from {} to {}", name, highest.id().version(), previous.id().version());
        return previous;
    }

    /** Evicts the compiled modules of removed versions that no installed version still uses. */
    void evictUnused(List<InstalledPlugin> removed) {
        List<InstalledPlugin> remaining = store.list();
        for (InstalledPlugin plugin : removed) {
            unusable.remove(plugin.id());
            if (remaining.stream().noneMatch(p -> p.digest().equals(plugin.digest()))) {
                preparer.evict(plugin.digest());
            }
        }
        refreshCounts();
    }

    void refreshCounts() {
        List<InstalledPlugin> all = store.list();
        counts = new int[] { all.size(), (int) all.stream().map(p -> p.id().name()).distinct().count() };
    }

    /** Versions installed, then distinct plugins, as of the last change. */
    int[] counts() {
        return counts;
    }

    void markUnusable(PluginId id, String reason) {
        unusable.put(id, reason);
    }

    void clearUnusable() {
        unusable.clear();
    }

    /** Installed versions that cannot run, with the reason; a live view. */
    Map<PluginId, String> unusable() {
        return unusable;
    }
}
