package org.assessmentruntime.configuration.internal;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 7396 JSON merge patch over Jackson trees.
 *
 * <p>Written here rather than taken from a library: the algorithm is the dozen lines below, and the
 * candidates (json-patch libraries, Jakarta JSON-P implementations) bring a JSON stack of their own next
 * to Jackson, which every other bundle of the runtime already uses.
 */
final class MergePatch {

    private MergePatch() {
    }

    /**
     * Applies a merge patch; neither argument is changed.
     *
     * @param target the document patched; {@code null} or a missing node counts as absent
     * @param patch  the merge patch
     * @return the patched document, a new tree
     */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            // A non-object patch replaces the target outright (RFC 7396, section 2).
            return patch == null ? null : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
