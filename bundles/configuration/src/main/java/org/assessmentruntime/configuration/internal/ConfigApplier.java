package org.assessmentruntime.configuration.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.assessmentruntime.configuration.internal.SyncState.Baseline;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Brings ConfigAdmin in line with an overlay's {@code config} section: per PID, the effective properties
 * are RFC 7396's {@code mergePatch(localBaseline, overlay.config[pid])}. Because the overlay's values are
 * scalars or arrays (never objects), that merge is per key, and it is done on the typed dictionary
 * rather than on JSON: keys the overlay sets take its value; keys it set before and no longer sets (or
 * sets to null) get their local value back from the {@link Baseline}; every other key keeps whatever
 * it has now, so local edits of keys the control plane never touched survive. A PID is updated only
 * when its dictionary actually changes (an update restarts the component it configures).
 *
 * <p>Karaf's FileInstall writes every ConfigAdmin change back into {@code etc/<pid>.cfg}, so remote
 * values show up in the local files while they are in force, and the local values return there when the
 * control plane lets go of them.
 */
final class ConfigApplier {

    private final ConfigurationAdmin admin;

    ConfigApplier(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /**
     * The baselines with the local value of every key the overlay is about to set for the first time,
     * read from ConfigAdmin now (before anything changes).
     */
    Map<String, Baseline> baselinesFor(Map<String, Map<String, Object>> config, Map<String, Baseline> baselines)
            throws IOException {
        Map<String, Baseline> result = new LinkedHashMap<>(baselines);
        for (Map.Entry<String, Map<String, Object>> pid : config.entrySet()) {
            Dictionary<String, Object> local = properties(admin, pid.getKey());
            Baseline baseline = result.getOrDefault(pid.getKey(), new Baseline(local != null, Map.of()));
            for (String key : pid.getValue().keySet()) {
                if (!baseline.values().containsKey(key)) {
                    baseline = baseline.with(key, local == null ? null : local.get(key));
                }
            }
            result.put(pid.getKey(), baseline);
        }
        return result;
    }

    /**
     * Applies the overlay's configuration.
     *
     * @param config    per PID, the keys the control plane sets now (typed)
     * @param baselines every PID's baseline, including those of keys set now ({@link #baselinesFor})
     * @return the baselines still needed: those of keys the overlay still sets
     */
    Map<String, Baseline> apply(Map<String, Map<String, Object>> config, Map<String, Baseline> baselines)
            throws IOException {
        Set<String> pids = new LinkedHashSet<>(baselines.keySet());
        pids.addAll(config.keySet());
        Map<String, Baseline> remaining = new LinkedHashMap<>();
        for (String pid : pids) {
            Map<String, Object> remote = config.getOrDefault(pid, Map.of());
            Baseline baseline = baselines.get(pid);
            if (baseline == null) {
                throw new IllegalStateException("no baseline of " + pid + " was taken before applying it");
            }
            Configuration configuration = admin.getConfiguration(pid, "?");
            Dictionary<String, Object> current = configuration.getProperties();
            Map<String, Object> before = current == null ? Map.of() : toMap(current);
            Map<String, Object> effective = new LinkedHashMap<>(before);
            Map<String, JsonNode> kept = new LinkedHashMap<>();
            baseline.values().forEach((key, encoded) -> {
                if (remote.containsKey(key)) {
                    kept.put(key, encoded);
                } else {
                    Object local = PropertyCodec.decode(encoded);
                    if (local == null) {
                        effective.remove(key);
                    } else {
                        effective.put(key, local);
                    }
                }
            });
            effective.putAll(remote);
            if (!kept.isEmpty()) {
                remaining.put(pid, new Baseline(baseline.existed(), kept));
            }
            if (remote.isEmpty() && !baseline.existed() && onlyFrameworkKeys(effective)) {
                if (current != null) {
                    configuration.delete();
                }
            } else if (!same(before, effective)) {
                configuration.update(new Hashtable<>(effective));
            }
        }
        return remaining;
    }

    /** A PID's properties as they are, without creating a configuration; {@code null} when it has none. */
    static Dictionary<String, Object> properties(ConfigurationAdmin admin, String pid) throws IOException {
        Configuration[] found;
        try {
            found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + escape(pid) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IOException("cannot look up the configuration of " + pid + ": " + e.getMessage(), e);
        }
        return found == null || found.length == 0 ? null : found[0].getProperties();
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> dictionary) {
        Map<String, Object> map = new HashMap<>();
        for (String key : Collections.list(dictionary.keys())) {
            map.put(key, dictionary.get(key));
        }
        return map;
    }

    private static boolean onlyFrameworkKeys(Map<String, Object> properties) {
        return RemotePolicy.FRAMEWORK_KEYS.containsAll(properties.keySet());
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Objects.deepEquals(e.getValue(), b.get(e.getKey())));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
