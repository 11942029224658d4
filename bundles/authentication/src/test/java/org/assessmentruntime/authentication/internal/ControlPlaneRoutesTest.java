package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.SSLHandshakeException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.AuthenticationException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.referencecp.ClientCertificate;
import org.assessmentruntime.referencecp.Fault;
import org.assessmentruntime.referencecp.Pki;
import org.assessmentruntime.referencecp.RecordedRequest;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The routes and the component against the reference control plane, on a real Camel context: tokens,
 * retries, back-off, TLS and certificate rotation, configuration changes, and that no secret leaks.
 */
class ControlPlaneRoutesTest {

    private static final String CLIENT_ID = "0b7c6e3e-2f6a-4f7e-9a43-5f1d0c3c9e11";
    private static final String SECRET = "client-secret-7f3a9c";
    private static final String HEARTBEAT = "/api/agent/heartbeat";
    private static final String TOKEN = "/api/auth/agent/token";
    private static final Function<String, String> NO_ENV = name -> null;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every token the tests saw: none may appear in the log. */
    private static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();
    private static StderrCapture log;

    @TempDir
    Path dir;

    private CamelContext camel;
    private ProducerTemplate template;
    private CamelPublisher publisher;
    private ReferenceControlPlane cp;
    private ControlPlaneComponent component;

    @BeforeAll
    static void captureLog() {
        log = new StderrCapture();
    }

    @AfterAll
    static void noSecretWasLogged() {
        log.close();
        String text = log.text();
        assertThat(text).isNotEmpty().doesNotContain(SECRET);
        assertThat(TOKENS).isNotEmpty();
        TOKENS.forEach(token -> assertThat(text).doesNotContain(token));
    }

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
        publisher = new CamelPublisher(camel);
    }

    @AfterEach
    void stop() throws Exception {
        if (component != null) {
            remember();
            component.deactivate();
        }
        template.stop();
        camel.stop();
        if (cp != null) {
            cp.close();
        }
    }

    private ControlPlaneComponent component(Function<String, String> env, Object... config) {
        component = new ControlPlaneComponent(Configs.of(config), env, publisher, Duration.ZERO, Clock.systemUTC());
        return component;
    }

    private ControlPlaneComponent connect(Object... extra) {
        Object[] config = new Object[6 + extra.length];
        System.arraycopy(new Object[] {"url", cp.baseUri().toString(), "clientId", CLIENT_ID, "clientSecret", SECRET},
                0, config, 0, 6);
        System.arraycopy(extra, 0, config, 6, extra.length);
        return component(NO_ENV, config);
    }

    private Exchange heartbeat() throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("uuid", UUID.randomUUID().toString(), "created_at",
                Instant.now().minusSeconds(1).toString()));
        return send("POST", HEARTBEAT, body, Map.of());
    }

    private Exchange send(String method, String path, byte[] body, Map<String, Object> headers) {
        return template.send(ControlPlaneConnection.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(headers));
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
            exchange.getMessage().setBody(body);
        });
    }

    private static int status(Exchange exchange) {
        assertThat(exchange.getException()).as("exchange exception").isNull();
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private List<RecordedRequest> requests(String path) {
        return cp.received().requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Records the current token (for the log check) and checks it shows nowhere it must not. */
    private void remember() {
        try {
            component.token().ifPresent(t -> {
                TOKENS.add(t.value());
                assertThat(component.toString() + component.status() + component.health() + t)
                        .doesNotContain(t.value()).doesNotContain(SECRET);
            });
        } catch (AuthenticationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
    }

    @Test
    void obtainsATokenOnceAndSendsExactlyTheAllowedRequest() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();

        Exchange first = heartbeat();
        Exchange second = heartbeat();

        assertThat(status(first)).isEqualTo(201);
        assertThat(status(second)).isEqualTo(201);
        assertThat(cp.received().tokensIssued()).isEqualTo(1);
        assertThat(cp.received().heartbeats()).hasSize(2);
        List<RecordedRequest> heartbeats = requests(HEARTBEAT);
        assertThat(heartbeats).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("content-type", "application/json")
                    .containsEntry("authorization", "Bearer");
        });
        assertThat(requests(TOKEN)).singleElement().satisfies(r -> assertThat(r.headers())
                .containsEntry("authorization", "Basic").doesNotContainKey("content-type"));
        assertThat(first.getMessage().getHeaders()).doesNotContainKey("Authorization");
        assertThat(first.getMessage().getBody()).isInstanceOf(byte[].class);
        assertThat(first.getProperties().keySet()).noneMatch(k -> k.startsWith("assessment."));
        assertThat(component.status().tokenExpiresAt()).isAfter(Instant.now());
    }

    @Test
    void keepsConnectionsAliveAcrossRequests() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();

        for (int i = 0; i < 20; i++) {
            assertThat(status(heartbeat())).isEqualTo(201);
        }

        assertThat(cp.received().requests()).hasSize(21);
        // One for the token request, one for the heartbeats: each route's pool keeps its connection.
        assertThat(cp.received().connections()).as("connections for %s requests", 21).isLessThanOrEqualTo(2);
        assertThat(requests(HEARTBEAT)).allSatisfy(r -> assertThat(r.headers()).doesNotContainEntry("connection", "close"));
    }

    @Test
    void keepsConnectionsAliveAcrossRequestsWhoseRepliesHaveABody() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();

        for (int i = 0; i < 20; i++) {
            Exchange config = send("GET", ControlPlaneRoute.CONFIG_PATH, new byte[0], Map.of());
            status(config);
            assertThat(config.getMessage().getBody(byte[].class)).as("a reply body").isNotEmpty();
        }

        // The token's connection and one for the 20 requests: a reply read whole releases its connection.
        assertThat(cp.received().connections()).as("connections for %s requests", cp.received().requests().size())
                .isLessThanOrEqualTo(2);
    }

    @Test
    void maxConnectionsBoundsTheRequestsInFlight() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect("maxConnections", 2);
        assertThat(status(heartbeat())).isEqualTo(201);
        cp.faults().inject(HEARTBEAT, new Fault.Slow(Duration.ofMillis(200)), 8);

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Exchange>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(callers.submit(this::heartbeat));
            }
            for (Future<Exchange> f : sent) {
                assertThat(status(f.get(30, TimeUnit.SECONDS))).isEqualTo(201);
            }
        } finally {
            callers.shutdownNow();
        }
        // 8 callers at once, 2 connections: the token's plus at most two for the heartbeats.
        assertThat(cp.received().connections()).isLessThanOrEqualTo(3);
    }

    @Test
    void dropsOtherHeadersAndReturnsOnlyTheAllowedResponseHeaders() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();

        Exchange first = send("GET", "/api/agent/config", null, Map.of("X-Leak", "internal", "Accept",
                "application/json", Exchange.HTTP_URI, "http://elsewhere.example.com/"));
        String etag = first.getMessage().getHeader("ETag", String.class);
        Exchange second = send("GET", "/api/agent/config", null, Map.of("If-None-Match", etag));

        assertThat(status(first)).isEqualTo(200);
        assertThat(etag).isNotBlank();
        assertThat(first.getMessage().getHeaders().keySet()).allMatch(name -> name.equals(Exchange.HTTP_RESPONSE_CODE)
                || ControlPlaneConnection.RESPONSE_HEADERS.stream().anyMatch(name::equalsIgnoreCase));
        assertThat(first.getMessage().getHeader("Content-Type", String.class)).startsWith("application/json");
        assertThat(new String(first.getMessage().getBody(byte[].class))).contains("\"revision\"");
        assertThat(status(second)).isEqualTo(304);
        assertThat(second.getMessage().getBody(byte[].class)).isEmpty();
        List<RecordedRequest> config = requests("/api/agent/config");
        assertThat(config).hasSize(2);
        assertThat(config.get(0).headers()).doesNotContainKey("x-leak").doesNotContainKey("content-type")
                .containsEntry("accept", "application/json");
        assertThat(config.get(1).headers()).containsEntry("if-none-match", etag);
    }

    @Test
    void renewsAShortLivedTokenBeforeItExpires() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).tokenLifetime(Duration.ofSeconds(2)).start();
        connect();

        assertThat(status(heartbeat())).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cp.received().tokensIssued() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            assertThat(status(heartbeat())).isEqualTo(201);
        }

        assertThat(cp.received().tokensIssued()).isGreaterThanOrEqualTo(2);
        assertThat(requests(HEARTBEAT)).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    }

    @Test
    void retriesOnceWithAFreshTokenAfter401() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();
        assertThat(status(heartbeat())).isEqualTo(201);

        cp.revokeTokens();
        Exchange retried = heartbeat();

        assertThat(status(retried)).isEqualTo(201);
        assertThat(cp.received().tokensIssued()).isEqualTo(2);
        assertThat(requests(HEARTBEAT)).extracting(RecordedRequest::status).containsExactly(201, 401, 201);
        assertThat(cp.received().heartbeats()).hasSize(2);
        assertThat(retried.getMessage().getHeaders()).doesNotContainKey("Authorization");
    }

    @Test
    void a401AfterTheRetryIsHandedBackWithoutASecondRetry() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();
        cp.faults().inject(HEARTBEAT, Fault.status(401), 5);

        Exchange refused = heartbeat();

        assertThat(status(refused)).isEqualTo(401);
        assertThat(requests(HEARTBEAT)).hasSize(2);
        assertThat(cp.received().tokensIssued()).isEqualTo(2);
    }

    @Test
    void forbiddenTokenRequestsBackOffWithoutAskingAgain() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        cp.disableClient(CLIENT_ID);
        connect();

        Exchange first = heartbeat();
        Exchange second = heartbeat();

        assertThat(first.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("revoked or expired, or the agent is inactive");
        assertThat(((AuthenticationException) first.getException()).credentialsRejected()).isTrue();
        assertThat(second.getException()).hasMessageContaining("not asking again before");
        assertThat(requests(TOKEN)).singleElement().extracting(RecordedRequest::status).isEqualTo(403);
        assertThat(requests(HEARTBEAT)).isEmpty();
        ComponentHealth health = component.health();
        // No token and none to be had: the link is down, not merely degraded.
        assertThat(health.state()).isEqualTo(HealthState.DOWN);
        assertThat(health.detail()).contains("403");
    }

    @Test
    void wrongCredentialsAreReportedAsRejected() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, "another-secret").start();
        connect();

        Exchange refused = heartbeat();

        assertThat(refused.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("client credentials rejected");
        assertThat(component.status().lastError()).startsWith("client credentials rejected");
    }

    @Test
    void aGarbageTokenReplyIsAnErrorThatQuotesNothing() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();
        cp.faults().inject(TOKEN, Fault.garbage(), 1);

        Exchange failed = heartbeat();
        Exchange next = heartbeat();

        assertThat(failed.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessage("the token endpoint's reply is not JSON (10 bytes)");
        assertThat(status(next)).isEqualTo(201);
        assertThat(component.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void connectionRefusedIsTheExchangesException() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        URI closed = cp.baseUri();
        cp.close();
        cp = null;
        component(NO_ENV, "url", closed.toString(), "clientId", CLIENT_ID, "clientSecret", SECRET);

        Exchange failed = send("GET", "/api/agent/config", null, Map.of());

        assertThat(failed.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("cannot obtain a token from " + closed + TOKEN)
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(component.health().state()).isEqualTo(HealthState.DOWN);
        assertThat(component.health().facts()).containsKey("lastError");

        component.deactivate();
        component(NO_ENV, "url", closed.toString());
        Exchange anonymous = send("GET", "/api/agent/config", null, Map.of());
        assertThat(anonymous.getException()).isInstanceOf(ConnectException.class);
    }

    @Test
    void mutualTlsPresentsTheIssuedCertificateAndPicksUpARotatedOne() throws Exception {
        Pki pki = Pki.create(dir.resolve("pki"));
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client-key.pem");
        pki.issueClient("agent-1", cert, key);
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).tls(pki.serverTls()).start();
        connect("clientCertificate", cert.toString(), "clientKey", key.toString(), "caBundle",
                pki.caCertificate().toString());

        assertThat(status(heartbeat())).isEqualTo(201);
        assertThat(status(heartbeat())).isEqualTo(201);
        assertThat(cp.received().clientCertificateSubjects()).isNotEmpty().allMatch("CN=agent-1"::equals);
        // Kept alive with mTLS too: the token's connection and one for both heartbeats.
        assertThat(cp.received().connections()).isEqualTo(2);
        ComponentHealth before = component.health();
        assertThat(before.state()).isEqualTo(HealthState.UP);
        assertThat(before.facts()).containsEntry("clientCertificate", "CN=agent-1")
                .containsEntry("url", cp.baseUri().toString()).containsEntry("clientId", CLIENT_ID)
                .containsKeys("clientCertificateNotAfter", "tokenExpiresAt")
                .containsEntry("caSource", pki.caCertificate() + " (1 certificates)");

        ClientCertificate rotated = pki.issueClient("agent-2", cert, key);
        int seen = cp.received().clientCertificateSubjects().size();
        assertThat(status(heartbeat())).isEqualTo(201);
        assertThat(status(heartbeat())).isEqualTo(201);

        assertThat(rotated.subject()).isEqualTo("CN=agent-2");
        assertThat(cp.received().clientCertificateSubjects().subList(seen,
                cp.received().clientCertificateSubjects().size())).isNotEmpty().allMatch("CN=agent-2"::equals);
        assertThat(component.health().facts()).containsEntry("clientCertificate", "CN=agent-2");
        // The rotated certificate needed a new connection, which the next request reused.
        assertThat(cp.received().connections()).isEqualTo(3);
    }

    @Test
    void aBrokenRotatedKeyKeepsTheLastGoodCertificate() throws Exception {
        Pki pki = Pki.create(dir.resolve("pki"));
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client-key.pem");
        pki.issueClient("agent-1", cert, key);
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).tls(pki.serverTls()).start();
        connect("clientCertificate", cert.toString(), "clientKey", key.toString(), "caBundle",
                pki.caCertificate().toString());
        assertThat(status(heartbeat())).isEqualTo(201);

        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThat(status(heartbeat())).isEqualTo(201);

        assertThat(cp.received().clientCertificateSubjects()).allMatch("CN=agent-1"::equals);
        ComponentHealth health = component.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("still using the previous ones", "clientKey");
        assertThat(log.text()).contains("still using the previous ones");

        pki.issueClient("agent-3", cert, key);
        assertThat(status(heartbeat())).isEqualTo(201);
        assertThat(component.health().state()).isEqualTo(HealthState.UP);
        assertThat(cp.received().clientCertificateSubjects()).last().isEqualTo("CN=agent-3");
    }

    @Test
    void theServerIsNotTrustedWithoutTheCaBundle() throws Exception {
        Pki pki = Pki.create(dir.resolve("pki"));
        cp = ReferenceControlPlane.builder().tls(pki.serverTlsWithoutClientAuth()).start();
        component(NO_ENV, "url", cp.baseUri().toString());

        Exchange untrusted = heartbeat();
        assertThat(untrusted.getException()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);

        component.deactivate();
        component(NO_ENV, "url", cp.baseUri().toString(), "caBundle", pki.caCertificate().toString());
        assertThat(status(send("GET", "/api/agent/config", null, Map.of()))).isEqualTo(401);
        assertThat(component.health().facts()).containsEntry("clientCertificate", "(none)");
    }

    @Test
    void environmentVariablesConnectWithoutConfigurationAndWinOverIt() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        Map<String, String> env = Map.of("ASSESSMENT_CONTROL_PLANE_URL", cp.baseUri().toString(),
                "CCF_API_URL", "https://ccf.invalid", "CCF_API_AUTH_CLIENT_ID", CLIENT_ID,
                "CCF_API_AUTH_CLIENT_SECRET", SECRET, "ASSESSMENT_REMOTE_CONFIG", "off");
        component(env::get, "url", "https://from-config.invalid", "clientSecret", "not-this-one");

        assertThat(status(heartbeat())).isEqualTo(201);
        assertThat(publisher.connection.baseUrl()).isEqualTo(cp.baseUri());
        assertThat(publisher.connection.remoteConfigMode().wireName()).isEqualTo("off");
        assertThat(component.status().clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    void aChangedUrlRepublishesAndStandaloneWithdraws() throws Exception {
        cp = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start();
        connect();
        assertThat(status(heartbeat())).isEqualTo(201);
        assertThat(publisher.ids()).contains(ControlPlaneConnection.ROUTE_ID, TokenRoute.ROUTE_ID);
        remember();

        try (ReferenceControlPlane other = ReferenceControlPlane.builder().client(CLIENT_ID, SECRET).start()) {
            component.modified(Configs.of("url", other.baseUri().toString(), "clientId", CLIENT_ID,
                    "clientSecret", SECRET));
            assertThat(status(heartbeat())).isEqualTo(201);
            assertThat(other.received().heartbeats()).hasSize(1);
            assertThat(other.received().tokensIssued()).isEqualTo(1);
            assertThat(publisher.published).hasValue(2);
            assertThat(publisher.withdrawn).hasValue(1);
            assertThat(publisher.connection.baseUrl()).isEqualTo(other.baseUri());
            remember();

            component.modified(Configs.of("url", other.baseUri().toString(), "clientId", CLIENT_ID,
                    "clientSecret", SECRET));
            assertThat(publisher.published).hasValue(2);
        }

        component.modified(Configs.of());
        assertThat(publisher.withdrawn).hasValue(2);
        assertThat(publisher.connection).isNull();
        assertThat(publisher.ids()).isEmpty();
        assertThat(component.token()).isEmpty();
        assertThat(component.health()).satisfies(h -> {
            assertThat(h.state()).isEqualTo(HealthState.UP);
            assertThat(h.detail()).isEqualTo("standalone: no control plane configured");
        });
        assertThat(cp.received().heartbeats()).hasSize(1);
    }

    @Test
    void anInvalidConfigurationIsDownNamesTheKeyAndPublishesNothing() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "not a certificate");
        component(NO_ENV, "url", "https://127.0.0.1:1", "clientId", CLIENT_ID, "clientSecret", SECRET,
                "clientCertificate", cert.toString(), "clientKey", cert.toString());

        ComponentHealth health = component.health();
        assertThat(health.state()).isEqualTo(HealthState.DOWN);
        assertThat(health.detail()).startsWith("invalid control plane configuration: clientCertificate: ")
                .doesNotContain(SECRET);
        assertThat(publisher.published).hasValue(0);

        component.modified(Configs.of("url", "gopher://cp.example.com", "clientSecret", SECRET, "clientId", "x"));
        assertThat(component.health().detail()).contains("url: the URL must start with https://");
        assertThat(component.status().lastError()).contains("url:");
    }

    @Test
    void standaloneHasNoTokenAndSaysSo() throws Exception {
        component(NO_ENV);

        assertThat(component.token()).isEmpty();
        assertThat(component.status().configured()).isFalse();
        assertThat(component.health().state()).isEqualTo(HealthState.UP);
        assertThat(component.health().detail()).isEqualTo("standalone: no control plane configured");
        assertThat(publisher.published).hasValue(0);
    }
}
