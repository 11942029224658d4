package org.assessmentruntime.resultscollector.internal.oscal;

import java.util.Map;

import org.assessmentruntime.resultscollector.OscalExporter;
import org.assessmentruntime.resultscollector.internal.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code props} of an OSCAL object, all in this runtime's namespace
 * ({@value OscalExporter#NAMESPACE}), since none of them is one of OSCAL's own. Facts a plugin reported
 * carry the class {@value #FACT}, to tell them from what the runtime adds (ids, plugin, provenance).
 */
final class Props {

    /** Class of the properties that are a plugin's observed facts. */
    static final String FACT = "fact";

    private final ArrayNode props = Json.MAPPER.createArrayNode();

    /** Adds a property; a value that is null or blank is left out, as OSCAL requires a value. */
    Props add(String name, Object value) {
        return add(name, value, null);
    }

    /** Adds every entry of a map as a plugin's fact. */
    Props facts(Map<String, String> facts) {
        facts.forEach((name, value) -> add(name, value, FACT));
        return this;
    }

    private Props add(String name, Object value, String propClass) {
        String text = value == null ? null : Text.line(value.toString());
        if (text != null) {
            ObjectNode prop = props.addObject().put("name", Text.token(name)).put("ns", OscalExporter.NAMESPACE)
                    .put("value", text);
            if (propClass != null) {
                prop.put("class", propClass);
            }
        }
        return this;
    }

    /** Sets {@code props} on a node, unless there are none (OSCAL arrays must not be empty). */
    void into(ObjectNode node) {
        if (!props.isEmpty()) {
            node.set("props", props);
        }
    }
}
