package org.assessmentruntime.resultscollector.internal.oscal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.assessmentruntime.api.model.Provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A result's {@code local-definitions}: the plugins that ran, as tool components, and the runtimes they
 * ran on, as assessment platforms using them. Observations, findings and risks name the plugin's
 * component as their origin.
 */
final class Assets {

    private Assets() {
    }

    static void add(List<Source> sources, ObjectNode resultNode) {
        Map<UUID, Source> plugins = new LinkedHashMap<>();
        Map<String, Set<UUID>> platforms = new LinkedHashMap<>();
        for (Source source : sources) {
            plugins.putIfAbsent(source.plugin(), source);
            platforms.computeIfAbsent(source.result().provenance().runtimeId(), id -> new LinkedHashSet<>())
                    .add(source.plugin());
        }
        ObjectNode assets = resultNode.putObject("local-definitions").putObject("assessment-assets");
        ArrayNode components = assets.putArray("components");
        plugins.forEach((uuid, source) -> component(uuid, source, components.addObject()));
        ArrayNode platformNodes = assets.putArray("assessment-platforms");
        platforms.forEach((runtimeId, used) -> {
            ObjectNode platform = platformNodes.addObject().put("uuid", Ids.of("platform", runtimeId).toString())
                    .put("title", "Assessment Runtime " + Text.line(runtimeId));
            new Props().add("runtime-id", runtimeId).into(platform);
            ArrayNode uses = platform.putArray("uses-components");
            used.forEach(uuid -> uses.addObject().put("component-uuid", uuid.toString()));
        });
    }

    private static void component(UUID uuid, Source source, ObjectNode node) {
        Provenance p = source.result().provenance();
        String name = p.requested().name();
        node.put("uuid", uuid.toString()).put("type", "software")
                .put("title", "Assessment plugin " + name + " " + source.pluginVersion());
        node.put("description", p.plugin() == null
                ? "Assessment plugin " + name + ", requested as " + p.requested().version()
                        + "; no installed version matched, so it did not run."
                : "Assessment plugin " + name + " " + p.plugin().version() + ", the WebAssembly module " + p.digest()
                        + ".");
        new Props().add("plugin-name", name).add("plugin-version", source.pluginVersion())
                .add("plugin-digest", p.digest()).into(node);
        node.putObject("status").put("state", "operational");
    }
}
