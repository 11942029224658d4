package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private ReferenceControlPlane cp;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        cp = ReferenceControlPlane.builder().requireToken(false).client("agent", "s3cret").start();
        http = new Http(cp.baseUri());
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    @Test
    void statusFaultForTheNextRequestsOnly() throws Exception {
        cp.faults().inject("/api/evidence", Fault.status(500), 2);

        assertThat(http.post("/api/evidence", null, Evidence.valid()).statusCode()).isEqualTo(500);
        assertThat(http.token("agent", "s3cret").statusCode()).as("other paths unaffected").isEqualTo(200);
        HttpResponse<String> second = http.post("/api/evidence", null, Evidence.valid());
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(Http.json(second).at("/errors/body").asText()).isEqualTo("injected fault");
        assertThat(http.post("/api/evidence", null, Evidence.valid()).statusCode()).isEqualTo(201);
        assertThat(cp.received().evidence()).hasSize(1);
        assertThat(cp.received().requests()).extracting(RecordedRequest::status).containsExactly(500, 200, 500, 201);
    }

    @Test
    void negativeTimesLastUntilClear() throws Exception {
        cp.faults().inject("/api/", Fault.status(502), -1);
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/evidence", null, Evidence.valid()).statusCode()).isEqualTo(502);
        }
        assertThat(http.get("/_admin/received", null).statusCode()).as("admin is never faulted").isEqualTo(200);

        cp.faults().clear();

        assertThat(http.post("/api/evidence", null, Evidence.valid()).statusCode()).isEqualTo(201);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() throws Exception {
        cp.faults().inject("/api/agent/heartbeat", Fault.tooManyRequests(Duration.ofSeconds(7)), 1);

        HttpResponse<String> response = http.post("/api/agent/heartbeat", null,
                java.util.Map.of("uuid", java.util.UUID.randomUUID().toString(), "created_at", "2020-01-01T00:00:00Z"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(cp.received().heartbeats()).isEmpty();
    }

    @Test
    void slowDelaysThenAnswersNormallyWithoutBlockingOthers() throws Exception {
        cp.faults().inject("/api/evidence", Fault.slow(Duration.ofMillis(1500)), 1);

        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return http.post("/api/evidence", null, Evidence.valid());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Another request is answered while the slow one waits.
        assertThat(http.token("agent", "s3cret").statusCode()).isEqualTo(200);
        assertThat(slow.isDone()).isFalse();

        assertThat(slow.get().statusCode()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(cp.received().evidence()).hasSize(1);
    }

    @Test
    void dropClosesTheConnectionWithoutResponse() throws Exception {
        cp.faults().inject("/api/evidence", Fault.drop(), 1);

        assertThatThrownBy(() -> http.post("/api/evidence", null, Evidence.valid())).isInstanceOf(IOException.class);
        assertThat(cp.received().evidence()).isEmpty();
        assertThat(cp.received().requests()).singleElement().extracting(RecordedRequest::status).isEqualTo(0);
        assertThat(http.post("/api/evidence", null, Evidence.valid()).statusCode()).isEqualTo(201);
    }

    @Test
    void garbageIsInvalidJsonWithStatus200() throws Exception {
        cp.faults().inject("/api/evidence", Fault.garbage(), 1);

        HttpResponse<String> response = http.post("/api/evidence", null, Evidence.valid());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"data\": {");
        assertThatThrownBy(() -> Http.json(response)).isInstanceOf(JsonProcessingException.class);
        assertThat(cp.received().evidence()).isEmpty();
    }

    @Test
    void downAndUpOnTheSamePort() throws Exception {
        int port = cp.baseUri().getPort();
        cp.faults().down();

        assertThat(cp.isUp()).isFalse();
        assertThatThrownBy(() -> http.token("agent", "s3cret")).isInstanceOf(ConnectException.class);

        cp.faults().up();

        assertThat(cp.baseUri().getPort()).isEqualTo(port);
        assertThat(http.token("agent", "s3cret").statusCode()).isEqualTo(200);
        cp.faults().up(); // already up: no effect
        assertThat(http.token("agent", "s3cret").statusCode()).isEqualTo(200);
    }
}
