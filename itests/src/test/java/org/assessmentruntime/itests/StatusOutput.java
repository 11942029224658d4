package org.assessmentruntime.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the output of {@code assessment:status} and {@code assessment:status --json}.
 *
 * <p>Kept apart from {@link BootIT} so that the parsing is unit-tested ({@code StatusOutputTest})
 * against the shell module's real output, and a BootIT failure means the runtime, not the parser.
 */
final class StatusOutput {

    /** Every component id that assessment:status must list: the contract, spelled out on purpose. */
    static final List<String> COMPONENTS = List.of("authentication", "configuration", "scheduler",
            "plugin-manager", "plugin-store", "job-runner", "heartbeat", "results-collector",
            "wasm-executor", "camel");

    private StatusOutput() {
    }

    /**
     * Ids from {@link #COMPONENTS} that have no row in the table. A row starts with the component id
     * (first column), followed by blanks or the column separator {@code |}.
     */
    static List<String> missingFromTable(String table) {
        List<String> missing = new ArrayList<>();
        for (String id : COMPONENTS) {
            if (!Pattern.compile("(?m)^\\s*" + Pattern.quote(id) + "(\\s|\\|)").matcher(table).find()) {
                missing.add(id);
            }
        }
        return missing;
    }

    /**
     * The component id of every entry of the JSON, in order. Accepts the entries as a top-level array
     * or under {@code "components"}; an entry's component as {@code "component"} or {@code "id"},
     * either a string or an object with an {@code "id"}. Jackson writes the ComponentId enum by name
     * ({@code PLUGIN_MANAGER}) unless the enum says otherwise, so names are mapped to ids
     * ({@code plugin-manager}).
     *
     * @throws IllegalArgumentException when the text is not JSON or has no entries array
     */
    static List<String> componentIdsFromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON:\n" + json, e);
        }
        JsonNode entries = root.isArray() ? root : root.path("components");
        if (!entries.isArray()) {
            throw new IllegalArgumentException("no components array in:\n" + json);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode c = entry.has("component") ? entry.get("component") : entry.path("id");
            if (c.isObject()) {
                c = c.path("id");
            }
            ids.add(c.asText().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return ids;
    }

    /**
     * The components of {@code assessment:status --json} that are not up (bundle not ACTIVE, or health
     * DOWN), one line each with state and detail; a status without components counts as not up.
     */
    static List<String> notUp(String json) {
        try {
            List<String> down = new ArrayList<>();
            JsonNode components = new ObjectMapper().readTree(json).path("components");
            if (components.isEmpty()) {
                return List.of("no components in: " + json);
            }
            components.forEach(c -> {
                if (!"ACTIVE".equals(c.path("bundleState").asText()) || "DOWN".equals(c.path("health").path("state").asText())) {
                    down.add(c.path("component").asText() + ": " + c.path("bundleState").asText() + " "
                            + c.path("health").path("state").asText() + " " + c.path("health").path("detail").asText());
                }
            });
            return down;
        } catch (IOException e) {
            return List.of("unparseable status: " + e.getMessage());
        }
    }
}
