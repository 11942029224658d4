package org.assessmentruntime.referencecp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenTest {

    private ReferenceControlPlane cp;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        cp = ReferenceControlPlane.builder().client("agent", "s3cret").client("other", "pw").start();
        http = new Http(cp.baseUri());
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    @Test
    void issuesBareBearerTokenWithConfiguredLifetime() throws Exception {
        HttpResponse<String> response = http.token("agent", "s3cret");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.has("data")).as("token answer is not wrapped").isFalse();
        assertThat(body.get("access_token").asText()).hasSizeGreaterThan(20);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(cp.received().tokensIssued()).isEqualTo(1);
        assertThat(cp.received().issuedTokens()).containsExactly(body.get("access_token").asText());
        assertThat(http.accessToken("agent", "s3cret")).isNotEqualTo(body.get("access_token").asText());
    }

    @Test
    void acceptsFormFields() throws Exception {
        HttpResponse<String> response = http.send(http.request("/api/auth/agent/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=other&client_secret=pw")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesWrongOrMissingCredentials() throws Exception {
        assertThat(http.token("agent", "wrong").statusCode()).isEqualTo(401);
        assertThat(http.token("nobody", "s3cret").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = http.send(http.request("/api/auth/agent/token")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Http.json(missing).at("/errors/body").asText()).isNotBlank();
        assertThat(cp.received().tokensIssued()).isZero();
    }

    @Test
    void disabledClientGets403() throws Exception {
        cp.disableClient("agent");

        assertThat(http.token("agent", "s3cret").statusCode()).isEqualTo(403);
        assertThat(http.token("other", "pw").statusCode()).isEqualTo(200);
        cp.enableClient("agent");
        assertThat(http.token("agent", "s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void protectedRoutesNeedAValidToken() throws Exception {
        Map<String, String> heartbeat = Map.of("uuid", UUID.randomUUID().toString(),
                "created_at", Instant.now().toString());
        assertThat(http.post("/api/agent/heartbeat", null, heartbeat).statusCode()).isEqualTo(401);
        assertThat(http.post("/api/agent/heartbeat", "made-up", heartbeat).statusCode()).isEqualTo(401);
        assertThat(http.post("/api/evidence", null, Evidence.valid()).statusCode()).isEqualTo(401);
        String token = http.accessToken("agent", "s3cret");
        assertThat(http.post("/api/agent/heartbeat", token, heartbeat).statusCode()).isEqualTo(201);
    }

    @Test
    void revokedTokensGet401() throws Exception {
        String token = http.accessToken("agent", "s3cret");
        cp.revokeTokens();

        HttpResponse<String> response = http.get("/api/agent/config", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(http.get("/api/agent/config", http.accessToken("agent", "s3cret")).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensExpire() throws Exception {
        try (ReferenceControlPlane shortLived = ReferenceControlPlane.builder().client("agent", "s3cret")
                .tokenLifetime(Duration.ofSeconds(1)).start()) {
            Http client = new Http(shortLived.baseUri());
            HttpResponse<String> issued = client.token("agent", "s3cret");
            assertThat(Http.json(issued).get("expires_in").asLong()).isEqualTo(1);
            String token = Http.json(issued).get("access_token").asText();
            assertThat(client.get("/api/agent/config", token).statusCode()).isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            HttpResponse<String> response;
            do {
                Thread.sleep(100);
                response = client.get("/api/agent/config", token);
            } while (response.statusCode() == 200 && System.nanoTime() < deadline);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Http.json(response).at("/errors/body").asText()).contains("expired");
        }
    }

    @Test
    void recordsRequestsWithoutCredentials() throws Exception {
        String token = http.accessToken("agent", "s3cret");
        http.get("/api/agent/config", token);

        assertThat(cp.received().requests()).extracting(RecordedRequest::path, RecordedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/api/auth/agent/token", 200),
                        org.assertj.core.groups.Tuple.tuple("/api/agent/config", 200));
        RecordedRequest tokenRequest = cp.received().requests().get(0);
        assertThat(tokenRequest.headers()).containsEntry("authorization", "Basic");
        assertThat(cp.received().requests().get(1).headers()).containsEntry("authorization", "Bearer");
        assertThat(cp.received().requests().toString()).doesNotContain(token).doesNotContain("s3cret");
    }
}
