package org.assessmentruntime.resultscollector.internal.oscal;

import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.resultscollector.internal.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One result as the OSCAL objects made from it refer to it: the uuids of its objects in the document,
 * the plugin that produced it (a tool component), and the properties that lead back to both.
 *
 * @param result the result
 */
record Source(AssessmentResult result) {

    UUID observation(UUID original) {
        return Ids.of("observation", result.resultId(), original);
    }

    UUID finding(UUID original) {
        return Ids.of("finding", result.resultId(), original);
    }

    UUID risk(UUID original) {
        return Ids.of("risk", result.resultId(), original);
    }

    /** The observation that records the run itself (see {@link Observations#run}). */
    UUID runObservation() {
        return Ids.of("run-observation", result.resultId());
    }

    /** The plugin's component: the same for every run of the same build of the plugin. */
    UUID plugin() {
        Provenance p = result.provenance();
        return p.plugin() == null ? Ids.of("plugin", p.requested().name(), p.requested().version())
                : Ids.of("plugin", p.plugin().name(), p.plugin().version(), p.digest());
    }

    String pluginVersion() {
        Provenance p = result.provenance();
        return p.plugin() == null ? p.requested().version() : p.plugin().version();
    }

    /**
     * Properties that lead from any object of this result back to the result and the plugin;
     * {@code sourceUuid} is the object's uuid in the result, null for objects the export adds.
     */
    Props props(UUID sourceUuid) {
        Provenance p = result.provenance();
        return new Props().add("result-id", result.resultId()).add("source-uuid", sourceUuid)
                .add("plugin-name", p.requested().name()).add("plugin-version", pluginVersion())
                .add("plugin-digest", p.digest());
    }

    /** {@code origins}: the plugin, as the tool that made the object. */
    ArrayNode origins() {
        ArrayNode origins = Json.MAPPER.createArrayNode();
        origins.addObject().putArray("actors").addObject().put("type", "tool").put("actor-uuid", plugin().toString());
        return origins;
    }
}
