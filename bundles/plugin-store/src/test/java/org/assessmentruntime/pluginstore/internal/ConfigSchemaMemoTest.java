package org.assessmentruntime.pluginstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A configuration found valid is not validated again, yet a changed one always is. */
class ConfigSchemaMemoTest {

    private final ConfigSchema schema = ConfigSchema.compile(Map.of("type", "object", "additionalProperties", false,
            "properties", Map.of("paths", Map.of("type", "array", "items", Map.of("type", "string")),
                    "depth", Map.of("type", "integer", "maximum", 8))));

    @Test
    void aConfigurationChangedAfterItWasFoundValidIsValidatedAgain() {
        List<Object> paths = new ArrayList<>(List.of("/etc"));
        Map<String, Object> configuration = new HashMap<>(Map.of("paths", paths, "depth", 2));

        assertThat(schema.validate(configuration)).isEmpty();
        assertThat(schema.validate(Map.of("paths", List.of("/etc"), "depth", 2))).isEmpty();

        configuration.put("depth", 9);
        assertThat(schema.validate(configuration)).containsExactly("$.depth: must have a maximum value of 8");
        configuration.put("depth", 2);
        paths.add(3);
        assertThat(schema.validate(configuration)).singleElement().asString().startsWith("$.paths[1]");
        paths.remove(1);
        assertThat(schema.validate(configuration)).isEmpty();
        assertThat(schema.validate(Map.of("colour", "red"))).isNotEmpty();
        assertThat(schema.validate(Map.of())).isEmpty();
        assertThat(schema.validate(null)).isEmpty();
    }
}
