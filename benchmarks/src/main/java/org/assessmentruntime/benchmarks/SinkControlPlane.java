package org.assessmentruntime.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The least a control plane must do with evidence, as a second receiver for benchmark 4: the JDK's HTTP
 * server on 127.0.0.1 (a free port), {@code POST /api/evidence/batch} and {@code /api/evidence} parsed as
 * JSON, each item's result id ({@code labels._result}) deduplicated, {@code 201} with a small JSON body.
 * No validation, no token. It shows how much of the delivery time is the reference control plane's own.
 */
final class SinkControlPlane implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ACCEPTED = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();

    SinkControlPlane() throws IOException {
        // Without TCP_NODELAY the JDK's server leaves each reply's last segment to Nagle (40 ms stalls).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sink-control-plane");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/evidence", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    int received() {
        return ids.size();
    }

    int duplicates() {
        return duplicates.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            JsonNode items = exchange.getRequestURI().getPath().endsWith("/batch") ? body.path("items") : null;
            if (items == null) {
                accept(body);
            } else {
                items.forEach(this::accept);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, ACCEPTED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ACCEPTED);
            }
        }
    }

    private void accept(JsonNode evidence) {
        String id = evidence.path("labels").path("_result").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("evidence without labels._result");
        }
        if (!ids.add(id)) {
            duplicates.incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
