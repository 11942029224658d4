package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Test client for the reference control plane. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient client;
    final URI base;

    Http(URI base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    Http(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    HttpResponse<String> token(String id, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(request("/api/auth/agent/token").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    String accessToken(String id, String secret) throws IOException, InterruptedException {
        HttpResponse<String> response = token(id, secret);
        if (response.statusCode() != 200) {
            throw new AssertionError("token: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> post(String path, String token, Object body) throws IOException, InterruptedException {
        return send("POST", path, token, body, "application/json");
    }

    HttpResponse<String> send(String method, String path, String token, Object body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).method(method,
                HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
