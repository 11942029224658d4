package org.assessmentruntime.pluginstore.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;

/**
 * One state of the store's index: every stored version, ordered by {@link PluginId} (name, then
 * version precedence). Immutable; a change makes a new index, which is then written as a whole.
 */
final class StoreIndex {

    static final StoreIndex EMPTY = new StoreIndex(new TreeMap<>());

    private final NavigableMap<PluginId, InstalledPlugin> entries;

    private StoreIndex(NavigableMap<PluginId, InstalledPlugin> entries) {
        this.entries = Collections.unmodifiableNavigableMap(entries);
    }

    /**
     * @throws IllegalArgumentException if a version occurs twice
     */
    static StoreIndex of(Collection<InstalledPlugin> plugins) {
        NavigableMap<PluginId, InstalledPlugin> map = new TreeMap<>();
        for (InstalledPlugin plugin : plugins) {
            if (map.put(plugin.id(), plugin) != null) {
                throw new IllegalArgumentException(plugin.id() + " occurs more than once");
            }
        }
        return new StoreIndex(map);
    }

    Optional<InstalledPlugin> find(PluginId id) {
        return Optional.ofNullable(entries.get(id));
    }

    List<InstalledPlugin> all() {
        return List.copyOf(entries.values());
    }

    int size() {
        return entries.size();
    }

    /** The highest stored version of the same plugin lower than {@code id}. */
    Optional<InstalledPlugin> previous(PluginId id) {
        Map.Entry<PluginId, InstalledPlugin> lower = entries.lowerEntry(id);
        return lower != null && lower.getKey().name().equals(id.name()) ? Optional.of(lower.getValue())
                : Optional.empty();
    }

    /** The stored versions of one plugin, highest first. */
    List<InstalledPlugin> versions(String name) {
        return entries.values().stream().filter(p -> p.id().name().equals(name))
                .sorted((a, b) -> b.id().compareTo(a.id())).toList();
    }

    /** The versions whose module has this digest. */
    List<PluginId> users(Digest digest) {
        return entries.values().stream().filter(p -> p.digest().equals(digest)).map(InstalledPlugin::id).toList();
    }

    Set<Digest> digests() {
        return entries.values().stream().map(InstalledPlugin::digest).collect(Collectors.toSet());
    }

    Set<String> names() {
        return entries.keySet().stream().map(PluginId::name).collect(Collectors.toSet());
    }

    StoreIndex with(InstalledPlugin plugin) {
        NavigableMap<PluginId, InstalledPlugin> copy = new TreeMap<>(entries);
        copy.put(plugin.id(), plugin);
        return new StoreIndex(copy);
    }

    StoreIndex without(PluginId id) {
        NavigableMap<PluginId, InstalledPlugin> copy = new TreeMap<>(entries);
        copy.remove(id);
        return new StoreIndex(copy);
    }

    /**
     * The versions of {@code kept}'s plugin that fall out when only the highest one and
     * {@code keepPrevious} below it are kept. {@code kept} itself always stays, so that storing an old
     * version on purpose works.
     */
    List<InstalledPlugin> beyondKept(PluginId kept, int keepPrevious) {
        List<InstalledPlugin> versions = versions(kept.name());
        List<InstalledPlugin> beyond = new ArrayList<>();
        for (int i = keepPrevious + 1; i < versions.size(); i++) {
            if (!versions.get(i).id().equals(kept)) {
                beyond.add(versions.get(i));
            }
        }
        return beyond;
    }
}
