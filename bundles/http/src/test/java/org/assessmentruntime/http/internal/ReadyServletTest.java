package org.assessmentruntime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.StatusService;
import org.junit.jupiter.api.Test;

class ReadyServletTest {

    private final StatusService status = mock(StatusService.class);
    private final ReadyServlet servlet = new ReadyServlet();

    ReadyServletTest() {
        servlet.statusService = status;
    }

    @Test
    void everyComponentUpIsReadyWithTheStatusDetail() throws Exception {
        when(status.status()).thenReturn(Fixtures.status(HealthState.UP));
        Http http = Http.get(null);

        servlet.doGet(http.request, http.response);

        assertThat(http.status()).isEqualTo(200);
        JsonNode body = http.json();
        assertThat(body.path("ready").asBoolean()).isTrue();
        assertThat(body.path("notReady")).isEmpty();
        // The same document assessment:status --json prints: one entry per component, health and facts.
        assertThat(body.path("components")).hasSize(ComponentId.values().length);
        JsonNode collector = body.path("components").get(ComponentId.RESULTS_COLLECTOR.ordinal());
        assertThat(collector.path("component").asText()).isEqualTo("results-collector");
        assertThat(collector.path("bundleState").asText()).isEqualTo("ACTIVE");
        assertThat(collector.path("health").path("state").asText()).isEqualTo("UP");
        assertThat(collector.path("health").path("facts").path("pending").asText()).isEqualTo("3");
    }

    @Test
    void aDisabledComponentDoesNotMakeTheRuntimeUnready() throws Exception {
        when(status.status()).thenReturn(Fixtures.with(Fixtures.status(HealthState.UP), ComponentId.HEARTBEAT,
                HealthState.DISABLED));
        Http http = Http.get(null);

        servlet.doGet(http.request, http.response);

        assertThat(http.status()).isEqualTo(200);
    }

    @Test
    void aDegradedOrDownComponentIsNotReadyAndIsNamed() throws Exception {
        for (HealthState state : new HealthState[] {HealthState.DEGRADED, HealthState.DOWN,
                HealthState.NOT_IMPLEMENTED}) {
            when(status.status()).thenReturn(Fixtures.with(Fixtures.status(HealthState.UP), ComponentId.SCHEDULER,
                    state));
            Http http = Http.get(null);

            servlet.doGet(http.request, http.response);

            assertThat(http.status()).as("%s", state).isEqualTo(503);
            assertThat(http.json().path("ready").asBoolean()).isFalse();
            assertThat(http.json().path("notReady").toString()).isEqualTo("[\"scheduler\"]");
        }
    }

    @Test
    void withoutTheStatusServiceReadinessIsUnknownSoNotReady() throws IOException {
        servlet.statusService = null;
        Http http = Http.get(null);

        servlet.doGet(http.request, http.response);

        assertThat(http.status()).isEqualTo(503);
        assertThat(http.json().path("error").asText()).contains("status service");
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
            Http http = new Http(method, null, java.util.Map.of());

            servlet.service(http.request, http.response);

            assertThat(http.status()).as(method).isEqualTo(405);
            assertThat(http.headers.get("Allow")).isEqualTo("GET, HEAD");
        }
    }
}
