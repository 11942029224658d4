package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentApiTest {

    private ReferenceControlPlane cp;
    private Http http;
    private String token;

    @BeforeEach
    void start() throws Exception {
        cp = ReferenceControlPlane.builder().client("agent", "s3cret").start();
        http = new Http(cp.baseUri());
        token = http.accessToken("agent", "s3cret");
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    private static Map<String, Object> heartbeat() {
        return Map.of("uuid", UUID.randomUUID().toString(), "created_at", Instant.now().toString(),
                "runtime-version", "0.1.0");
    }

    @Test
    void contentTypeMustBeExactlyApplicationJson() throws Exception {
        HttpResponse<String> charset = http.send("POST", "/api/agent/heartbeat", token,
                Http.JSON.writeValueAsString(heartbeat()), "application/json; charset=utf-8");
        HttpResponse<String> none = http.send("POST", "/api/evidence", token,
                Http.JSON.writeValueAsString(Evidence.valid()), null);

        assertThat(charset.statusCode()).isEqualTo(415);
        assertThat(Http.json(charset).at("/errors/body").asText()).contains("application/json; charset=utf-8");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(cp.received().heartbeats()).isEmpty();
        assertThat(cp.received().evidence()).isEmpty();
    }

    @Test
    void heartbeatIsRecordedWholeOr400() throws Exception {
        HttpResponse<String> ok = http.post("/api/agent/heartbeat", token, heartbeat());
        HttpResponse<String> missing = http.post("/api/agent/heartbeat", token, Map.of("uuid", UUID.randomUUID().toString()));
        HttpResponse<String> invalid = http.send("POST", "/api/agent/heartbeat", token, "{not json", "application/json");

        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).isEmpty();
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).at("/errors/created_at").asText()).isEqualTo("required");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(cp.received().heartbeats()).singleElement()
                .satisfies(body -> assertThat(body.get("runtime-version").asText()).isEqualTo("0.1.0"));
    }

    @Test
    void evidenceIsValidatedFieldByField() throws Exception {
        ObjectNode bad = Evidence.valid();
        bad.put("uuid", "not-a-uuid");
        bad.remove("title");
        bad.put("start", "yesterday");
        ((ObjectNode) bad.get("status")).put("state", "pass");

        HttpResponse<String> response = http.post("/api/evidence", token, bad);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = Http.json(response).get("errors");
        assertThat(errors.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("uuid", "title", "start", "status.state");
        assertThat(cp.received().evidence()).isEmpty();
        assertThat(cp.received().evidenceRequests()).isZero();
    }

    @Test
    void evidenceInTheFutureIsRefused() throws Exception {
        ObjectNode ahead = Evidence.valid(UUID.randomUUID().toString(), Instant.now().plusSeconds(60).toString());
        ObjectNode withinTolerance = Evidence.valid(UUID.randomUUID().toString(),
                Instant.now().plusSeconds(2).toString());

        HttpResponse<String> refused = http.post("/api/evidence", token, ahead);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).at("/errors/end").asText()).contains("future");
        assertThat(http.post("/api/evidence", token, withinTolerance).statusCode()).isEqualTo(201);
    }

    @Test
    void evidenceIsStoredOnceAndEchoedInData() throws Exception {
        ObjectNode evidence = Evidence.withResult("run-1/check-a");
        ObjectNode sameResult = Evidence.withResult("run-1/check-a");
        ObjectNode noResultLabel = Evidence.valid();

        HttpResponse<String> first = http.post("/api/evidence", token, evidence);
        HttpResponse<String> again = http.post("/api/evidence", token, sameResult);
        http.post("/api/evidence", token, noResultLabel);
        http.post("/api/evidence", token, noResultLabel);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(Http.json(first).get("data")).isEqualTo(evidence);
        assertThat(again.statusCode()).as("a duplicate is accepted idempotently").isEqualTo(201);
        Received received = cp.received();
        assertThat(received.evidence()).containsExactly(evidence, noResultLabel);
        assertThat(received.resultIds()).containsExactly("run-1/check-a",
                noResultLabel.get("uuid").asText() + "@" + noResultLabel.get("end").asText());
        assertThat(received.evidenceRequests()).isEqualTo(4);
        assertThat(received.duplicateEvidence()).isEqualTo(2);
    }

    @Test
    void batchIsAllOrNothing() throws Exception {
        ObjectNode bad = Evidence.valid();
        bad.put("start", Instant.now().plusSeconds(3600).toString());
        ObjectNode invalidBatch = Http.JSON.createObjectNode();
        invalidBatch.putArray("items").add(Evidence.valid()).add(Evidence.valid()).add(Evidence.valid()).add(bad);

        HttpResponse<String> refused = http.post("/api/evidence/batch", token, invalidBatch);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).get("errors").fieldNames()).toIterable().containsExactly("items[3].start");
        assertThat(cp.received().evidence()).isEmpty();

        ObjectNode stored = Evidence.withResult("r1");
        http.post("/api/evidence", token, stored);
        ObjectNode batch = Http.JSON.createObjectNode();
        batch.putArray("items").add(Evidence.withResult("r1")).add(Evidence.withResult("r2"))
                .add(Evidence.withResult("r3")).add(Evidence.withResult("r3"));
        HttpResponse<String> accepted = http.post("/api/evidence/batch", token, batch);

        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(Http.json(accepted).get("data"))
                .isEqualTo(Http.JSON.readTree("{\"accepted\":2,\"duplicates\":2}"));
        assertThat(cp.received().resultIds()).containsExactly("r1", "r2", "r3");
    }

    @Test
    void batchEndpointCanBeAbsent() throws Exception {
        try (ReferenceControlPlane plain = ReferenceControlPlane.builder().requireToken(false)
                .batchEndpoint(false).start()) {
            ObjectNode batch = Http.JSON.createObjectNode();
            batch.putArray("items").add(Evidence.valid());
            Http client = new Http(plain.baseUri());

            assertThat(client.post("/api/evidence/batch", null, batch).statusCode()).isEqualTo(404);
            assertThat(client.post("/api/evidence", null, Evidence.valid()).statusCode())
                    .as("requireToken(false) lets anonymous evidence in").isEqualTo(201);
        }
    }

    @Test
    void remoteConfigWithEtag() throws Exception {
        HttpResponse<String> initial = http.get("/api/agent/config", token);
        assertThat(initial.statusCode()).isEqualTo(200);
        assertThat(Http.json(initial).get("data").get("revision").asLong()).isZero();
        assertThat(Http.json(initial).at("/data/overlay")).isEqualTo(Http.JSON.createObjectNode());
        assertThat(initial.headers().firstValue("X-CCF-Remote-Config")).hasValue("1");
        String etag0 = initial.headers().firstValue("ETag").orElseThrow();
        assertThat(etag0).startsWith("\"").endsWith("\"").isEqualTo(cp.config().etag());

        HttpResponse<String> unchanged = http.send(http.request("/api/agent/config")
                .header("Authorization", "Bearer " + token).header("If-None-Match", etag0).GET());
        assertThat(unchanged.statusCode()).isEqualTo(304);

        JsonNode overlay = Http.JSON.readTree("{\"heartbeat\":{\"interval\":\"PT30S\"}}");
        assertThat(cp.config().publish(overlay)).isEqualTo(1);
        HttpResponse<String> changed = http.send(http.request("/api/agent/config")
                .header("Authorization", "Bearer " + token).header("If-None-Match", etag0).GET());
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode data = Http.json(changed).get("data");
        assertThat(data.get("revision").asLong()).isEqualTo(1);
        assertThat(data.get("overlay")).isEqualTo(overlay);
        assertThat(Instant.parse(data.get("created-at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag0);
    }

    @Test
    void remoteConfigAlwaysNeedsTokenAndMayBeUnsupported() throws Exception {
        try (ReferenceControlPlane anonymous = ReferenceControlPlane.builder().requireToken(false).start();
             ReferenceControlPlane old = ReferenceControlPlane.builder().client("a", "b").remoteConfig(false).start()) {
            assertThat(new Http(anonymous.baseUri()).get("/api/agent/config", null).statusCode()).isEqualTo(401);
            Http oldClient = new Http(old.baseUri());
            assertThat(oldClient.get("/api/agent/config", oldClient.accessToken("a", "b")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void configReportIsRecorded() throws Exception {
        Map<String, Object> report = Map.of("hostname", "h1", "mode", "report", "applied-revision", 0,
                "status", "not-applicable");

        HttpResponse<String> response = http.send("PUT", "/api/agent/instances/" + UUID.randomUUID()
                + "/config-report", token, Http.JSON.writeValueAsString(report), "application/json");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(cp.received().configReports()).containsExactly(Http.JSON.valueToTree(report));
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertThat(http.get("/api/nothing", token).statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = http.get("/api/evidence", token);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(Http.json(wrongMethod).at("/errors/body").asText()).isNotBlank();
    }

    @Test
    void awaitAndClear() throws Exception {
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    http.post("/api/evidence", token, Evidence.valid());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();

        assertThat(cp.received().awaitEvidence(3, java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(cp.received().awaitHeartbeats(1, java.time.Duration.ofMillis(50))).isFalse();
        sender.join();
        List<JsonNode> before = cp.received().evidence();
        cp.received().clear();
        assertThat(cp.received().evidence()).isEmpty();
        assertThat(cp.received().requests()).isEmpty();
        assertThat(http.post("/api/evidence", token, before.get(0)).statusCode()).isEqualTo(201);
        assertThat(cp.received().duplicateEvidence()).as("the server still knows it after clear()").isEqualTo(1);
    }

    @Test
    void adminApi() throws Exception {
        HttpRequest.Builder publish = http.request("/_admin/config")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":true}"));
        assertThat(Http.json(http.send(publish)).at("/data/revision").asLong()).isEqualTo(1);
        assertThat(cp.config().overlay()).isEqualTo(Http.JSON.readTree("{\"x\":true}"));

        http.send(http.request("/_admin/faults").POST(HttpRequest.BodyPublishers.ofString(
                "{\"path\":\"/api/evidence\",\"fault\":\"status\",\"code\":503,\"times\":2}")));
        assertThat(http.post("/api/evidence", token, Evidence.valid()).statusCode()).isEqualTo(503);
        assertThat(http.post("/api/evidence", token, Evidence.valid()).statusCode()).isEqualTo(503);
        assertThat(http.post("/api/evidence", token, Evidence.valid()).statusCode()).isEqualTo(201);

        JsonNode summary = Http.json(http.get("/_admin/received", null)).get("data");
        assertThat(summary.get("evidence")).hasSize(1);
        assertThat(summary.get("tokens-issued").asInt()).isEqualTo(1);

        HttpResponse<String> unknownFault = http.send(http.request("/_admin/faults")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/\",\"fault\":\"explode\"}")));
        assertThat(unknownFault.statusCode()).isEqualTo(400);

        http.send(http.request("/_admin/revoke-tokens").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(http.get("/api/agent/config", token).statusCode()).isEqualTo(401);
    }
}
