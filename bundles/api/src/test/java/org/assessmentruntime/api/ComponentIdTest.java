package org.assessmentruntime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ComponentIdTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void jsonUsesTheIdsTheShellShows() throws Exception {
        String json = mapper.writeValueAsString(Map.of("c", ComponentId.PLUGIN_MANAGER));

        assertThat(json).isEqualTo("{\"c\":\"plugin-manager\"}");
        assertThat(mapper.readValue("\"results-collector\"", ComponentId.class))
                .isEqualTo(ComponentId.RESULTS_COLLECTOR);
    }

    @Test
    void bundleNamesFollowTheIds() {
        assertThat(ComponentId.WASM_EXECUTOR.bundleSymbolicName()).isEqualTo("org.assessmentruntime.wasm-executor");
    }

    @Test
    void anUnknownIdIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> ComponentId.of("hearbeat"))
                .hasMessageContaining("hearbeat").hasMessageContaining("heartbeat");
    }
}
