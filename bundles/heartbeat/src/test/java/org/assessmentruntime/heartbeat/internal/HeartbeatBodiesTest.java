package org.assessmentruntime.heartbeat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;

import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.StatusService;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class HeartbeatBodiesTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void carriesTheIdTheTimeInWholeSecondsAndTheRuntimeSummary() throws Exception {
        JsonNode body = write(HeartbeatBodies.build(Fixtures.RUNTIME_ID, Fixtures.NOW, Fixtures.status(),
                Fixtures.store(), null, Fixtures.results()));

        assertThat(body.get("uuid").asText()).isEqualTo(Fixtures.RUNTIME_ID.toString());
        assertThat(body.get("created_at").asText()).isEqualTo("2026-11-25T10:15:30Z");
        JsonNode runtime = body.get("runtime");
        assertThat(runtime.get("version").asText()).isEqualTo("0.1.0");
        assertThat(runtime.get("components").toString())
                .isEqualTo("[{\"id\":\"job-runner\",\"state\":\"UP\"},{\"id\":\"plugin-manager\",\"state\":\"DOWN\"}]");
        assertThat(runtime.get("plugins").toString()).isEqualTo("[{\"name\":\"examples/os-baseline\","
                + "\"version\":\"1.2.0\",\"digest\":\"" + Fixtures.DIGEST + "\"}]");
        assertThat(runtime.get("last-run").toString())
                .isEqualTo("{\"job\":\"host-os\",\"status\":\"FAIL\",\"ended-at\":\"2026-11-25T10:14:00Z\"}");
        assertThat(runtime.get("outbox").toString())
                .isEqualTo("{\"pending\":4,\"parked\":1,\"oldest-pending\":\"2026-11-25T09:00:00Z\"}");
    }

    @Test
    void withoutAnyServiceOnlyTheRequiredFieldsAreSent() throws Exception {
        JsonNode body = write(HeartbeatBodies.build(Fixtures.RUNTIME_ID, Fixtures.NOW, null, null, null, null));

        assertThat(body.properties()).extracting(e -> e.getKey()).containsExactly("uuid", "created_at");
    }

    @Test
    void aFailingServiceLeavesOnlyItsPartOut() throws Exception {
        StatusService broken = mock(StatusService.class);
        when(broken.status()).thenThrow(new IllegalStateException("bundle stopping"));

        JsonNode runtime = write(HeartbeatBodies.build(Fixtures.RUNTIME_ID, Fixtures.NOW, broken, Fixtures.store(),
                null, Fixtures.results())).get("runtime");

        assertThat(runtime.has("version")).isFalse();
        assertThat(runtime.has("components")).isFalse();
        assertThat(runtime.get("plugins")).hasSize(1);
        assertThat(runtime.get("outbox").get("pending").asLong()).isEqualTo(4);
    }

    @Test
    void thePluginManagerStandsInForAMissingStoreAndNoPendingMeansNoOldest() throws Exception {
        List<org.assessmentruntime.api.model.InstalledPlugin> installed = Fixtures.store().list();
        PluginManager manager = mock(PluginManager.class);
        when(manager.installed()).thenReturn(installed);
        ResultsCollector results = mock(ResultsCollector.class);
        when(results.query(org.mockito.ArgumentMatchers.any())).thenReturn(List.of());
        when(results.backlog()).thenReturn(new DeliveryBacklog(0, 0, null));

        JsonNode runtime = write(HeartbeatBodies.build(Fixtures.RUNTIME_ID, Fixtures.NOW, null, null, manager,
                results)).get("runtime");

        assertThat(runtime.get("plugins").get(0).get("version").asText()).isEqualTo("1.2.0");
        assertThat(runtime.has("last-run")).isFalse();
        assertThat(runtime.get("outbox").toString()).isEqualTo("{\"pending\":0,\"parked\":0}");
    }

    @Test
    void theStoreIsPreferredToTheManager() throws Exception {
        PluginStore store = Fixtures.store();
        PluginManager manager = mock(PluginManager.class);

        HeartbeatBodies.build(Fixtures.RUNTIME_ID, Fixtures.NOW, null, store, manager, null);

        verifyNoInteractions(manager);
    }

    private JsonNode write(HeartbeatBody body) throws Exception {
        return json.readTree(json.writeValueAsBytes(body));
    }
}
