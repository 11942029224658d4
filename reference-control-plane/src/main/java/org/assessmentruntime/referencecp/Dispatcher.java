package org.assessmentruntime.referencecp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Handles every request: applies an injected fault first, then routes to the agent API, the registry or the admin
 * API, and records the request (without credentials).
 */
final class Dispatcher implements HttpHandler {

    /** Larger bodies are refused with 413 before being read completely. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final Faults faults;
    private final AgentApi agent;
    private final RegistryFiles registry;
    private final AdminApi admin;
    private final Received received;
    private final Consumer<RecordedRequest> listener;

    Dispatcher(Faults faults, AgentApi agent, RegistryFiles registry, AdminApi admin, Received received,
               Consumer<RecordedRequest> listener) {
        this.faults = faults;
        this.agent = agent;
        this.registry = registry;
        this.admin = admin;
        this.received = received;
        this.listener = listener;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Instant at = Instant.now();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        Reply reply = null;
        received.arrived(path);
        try {
            Fault fault = path.startsWith(AdminApi.PREFIX) ? null : faults.next(path);
            if (fault instanceof Fault.Drop) {
                return; // close() below without a response closes the connection
            }
            if (fault instanceof Fault.Slow slow) {
                Thread.sleep(slow.delay().toMillis());
            }
            reply = answer(exchange, method, path, fault);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Recorded before the response goes out, so a client that got its answer always finds its request
            // in Received.requests().
            record(exchange, new RecordedRequest(method, path, reply == null ? 0 : reply.status(),
                    headers(exchange.getRequestHeaders()), at));
            try {
                if (reply != null) {
                    send(exchange, method, reply);
                }
            } catch (IOException e) {
                // The client went away; nothing to answer.
            } finally {
                exchange.close();
            }
        }
    }

    private Reply answer(HttpExchange exchange, String method, String path, Fault fault) {
        try {
            byte[] body = readBody(exchange);
            return fault == null || fault instanceof Fault.Slow
                    ? route(new Request(exchange, method, path, body))
                    : faulty(fault);
        } catch (Refusal refusal) {
            return refusal.reply();
        } catch (IOException e) {
            return Reply.error(400, "cannot read the request body: " + e.getMessage());
        } catch (RuntimeException e) {
            return Reply.error(500, "internal error: " + e);
        }
    }

    private Reply route(Request request) {
        String path = request.path();
        if (path.startsWith(AdminApi.PREFIX)) {
            return admin.route(request);
        }
        if (path.startsWith(RegistryFiles.PREFIX)) {
            return registry.route(request);
        }
        Reply reply = agent.route(request);
        return reply != null ? reply : Reply.error(404, "not found");
    }

    private static Reply faulty(Fault fault) {
        if (fault instanceof Fault.Status s) {
            return Reply.error(s.code(), "injected fault");
        }
        if (fault instanceof Fault.TooMany tooMany) {
            long seconds = Math.max(0, (tooMany.retryAfter().toMillis() + 999) / 1000);
            return Reply.error(429, "too many requests").withHeader("Retry-After", Long.toString(seconds));
        }
        if (fault instanceof Fault.Garbage) {
            return Reply.raw(200, Reply.JSON, "{\"data\": {");
        }
        throw new IllegalStateException("unexpected fault " + fault);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new Refusal(Reply.error(413, "request body larger than " + MAX_BODY + " bytes"));
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, String method, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::set);
        int status = reply.status();
        boolean noBody = reply.body().length == 0 || status == 204 || status == 304 || method.equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private void record(HttpExchange exchange, RecordedRequest request) {
        received.request(request, clientCertificateSubject(exchange), String.valueOf(exchange.getRemoteAddress()));
        if (listener != null) {
            try {
                listener.accept(request);
            } catch (RuntimeException e) {
                // A failing listener (log) must not break the server.
            }
        }
    }

    private static String clientCertificateSubject(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
            return null;
        }
        try {
            Certificate[] chain = https.getSSLSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? x509.getSubjectX500Principal().getName()
                    : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Lower-case names; the Authorization value reduced to its scheme so no credential is ever kept. */
    static Map<String, String> headers(Headers raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : raw.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = String.join(", ", header.getValue());
            if (name.equals("authorization")) {
                int space = value.indexOf(' ');
                value = space > 0 ? value.substring(0, space) : "(redacted)";
            }
            headers.put(name, value);
        }
        return headers;
    }
}
