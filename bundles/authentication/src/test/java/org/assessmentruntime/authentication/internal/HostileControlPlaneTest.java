package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.AuthenticationException;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Part of the hostile-input suite: the real control-plane route and token request against a hostile
 * control plane on loopback ({@link HostileServer}). Every exchange must end within its deadline with an
 * error naming the limit it broke, no caller may park, the link must show DOWN while it is stuck, and a
 * good reply afterwards must bring it back. The bounds asserted on time are generous multiples of the
 * configured deadline: they tell "ended at the deadline" from "would never have ended".
 */
class HostileControlPlaneTest {

    private static final String TOKEN = TokenRoute.PATH;
    private static final String HEARTBEAT = "/api/agent/heartbeat";
    private static final String CONFIG = ControlPlaneRoute.CONFIG_PATH;
    /** Far beyond the 2 s deadline used here, far below "never". */
    private static final Duration HANG = Duration.ofSeconds(20);

    private HostileServer server;
    private CamelContext camel;
    private ProducerTemplate template;
    private ControlPlaneComponent component;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        server = new HostileServer();
        server.on(TOKEN, HostileServer.token("good-token", "3600"));
        server.on(HEARTBEAT, HostileServer.json(201, "{}"));
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
        component = new ControlPlaneComponent(Configs.of("url", server.baseUri().toString(), "clientId", "agent",
                "clientSecret", "secret", "requestTimeoutSeconds", 2, "connectTimeoutSeconds", 2),
                name -> null, new CamelPublisher(camel), Duration.ZERO, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        component.deactivate();
        template.stop();
        camel.stop();
        server.close();
    }

    @Test
    void aTokenReplyOfGigabytesFailsAtItsCapAndALaterGoodReplyRecovers() throws Exception {
        server.on(TOKEN, HostileServer.announced(3L * 1024 * 1024 * 1024));

        Exchange announced = within(HANG, () -> send("POST", HEARTBEAT, 100));

        assertThat(announced.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("larger than the limit of 64 KiB (maxTokenReplyKiB)");
        assertThat(component.health().state()).isEqualTo(HealthState.DOWN);

        server.on(TOKEN, HostileServer.endless());
        Exchange endless = within(HANG, () -> send("POST", HEARTBEAT, 100));

        assertThat(endless.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("larger than the limit of 64 KiB (maxTokenReplyKiB)");
        // Read no more than the cap and what was in flight: never the gigabytes.
        assertThat(server.bytesSent()).isLessThan(64L * 1024 * 1024);
        assertThat(component.status().lastError()).contains("maxTokenReplyKiB");

        server.on(TOKEN, HostileServer.token("good-token", "3600"));
        assertThat(status(send("POST", HEARTBEAT, 100))).isEqualTo(201);
        assertThat(component.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void everyReplyIsCappedWhileStreamingWithTheLimitOfItsPath() throws Exception {
        int mib = 1024 * 1024;
        server.on(HEARTBEAT, HostileServer.chunkedJson(201, 2 * mib));
        server.on(CONFIG, HostileServer.chunkedJson(200, 3 * mib));

        Exchange heartbeat = within(HANG, () -> send("POST", HEARTBEAT, 100));
        Exchange config = within(HANG, () -> send("GET", CONFIG, 0));

        assertThat(heartbeat.getException()).hasMessage("the control plane's reply to POST /api/agent/heartbeat is "
                + "larger than the limit of 1024 KiB (maxReplyKiB); the exchange was aborted");
        // The configuration has its own, larger limit.
        assertThat(status(config)).isEqualTo(200);
        assertThat(config.getMessage().getBody(byte[].class)).hasSize(3 * mib);

        server.on(CONFIG, HostileServer.chunkedJson(200, 5 * mib));
        assertThat(within(HANG, () -> send("GET", CONFIG, 0)).getException())
                .hasMessageContaining("reply to GET /api/agent/config is larger than the limit of 4096 KiB "
                        + "(maxConfigReplyKiB)");
        server.on(CONFIG, HostileServer.announced(3L * 1024 * 1024 * 1024));
        assertThat(within(HANG, () -> send("GET", CONFIG, 0)).getException())
                .hasMessageContaining("larger than the limit of 4096 KiB (maxConfigReplyKiB)");

        server.on(HEARTBEAT, HostileServer.json(201, "{}"));
        assertThat(status(send("POST", HEARTBEAT, 100))).isEqualTo(201);
    }

    @Test
    void aDrippingReplyEndsAtTheDeadlineNotWhenItWouldEnd() throws Exception {
        // Each byte comes well within the read timeout; the whole would take 50 minutes.
        server.on(HEARTBEAT, HostileServer.drip(10_000, Duration.ofMillis(300)));

        long started = System.nanoTime();
        Exchange dripped = within(HANG, () -> send("POST", HEARTBEAT, 100));

        assertThat(dripped.getException()).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("the control plane did not complete POST /api/agent/heartbeat within 2 s "
                        + "(requestTimeoutSeconds); the exchange was aborted");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        server.on(TOKEN, HostileServer.drip(10_000, Duration.ofMillis(300)));
        component.invalidate(component.token().orElseThrow());
        Exchange tokenDripped = within(HANG, () -> send("POST", HEARTBEAT, 100));

        assertThat(tokenDripped.getException()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("did not complete POST /api/auth/agent/token within 2 s");
        assertThat(component.health().state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void aTokenEndpointThatNeverAnswersParksNoCallerAndShowsDown() throws Exception {
        server.on(TOKEN, HostileServer.hang());

        List<Future<Exchange>> concurrent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            concurrent.add(callers.submit(() -> send("POST", HEARTBEAT, 100)));
        }
        for (Future<Exchange> caller : concurrent) {
            Exchange failed = caller.get(HANG.toSeconds(), TimeUnit.SECONDS);
            assertThat(failed.getException()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("within 2 s");
        }

        assertThat(component.health().state()).isEqualTo(HealthState.DOWN);
        assertThat(component.health().detail()).startsWith("control plane link down: ");
        assertThat(component.status().lastError()).isNotEmpty();
        assertThat(server.requests(HEARTBEAT)).isZero();

        server.on(TOKEN, HostileServer.token("good-token", "3600"));
        assertThat(status(send("POST", HEARTBEAT, 100))).isEqualTo(201);
        assertThat(component.health().state()).isEqualTo(HealthState.UP);
        assertThat(component.status().lastError()).isEmpty();
    }

    @Test
    void hostileTokenLifetimesAreClampedNotFatalAndDrawNoStorm() throws Exception {
        server.on(TOKEN, HostileServer.token("t-huge", "9e18"));
        assertThat(status(send("POST", HEARTBEAT, 100))).isEqualTo(201);
        assertThat(component.status().tokenExpiresAt()).isBefore(Instant.now().plus(Duration.ofHours(25)))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));

        for (String expiresIn : new String[] {"-5", "\"x\"", "0"}) {
            component.invalidate(component.token().orElseThrow());
            server.on(TOKEN, HostileServer.token("t" + expiresIn.hashCode(), expiresIn));
            int before = server.requests(TOKEN);

            for (int i = 0; i < 5; i++) {
                assertThat(status(send("POST", HEARTBEAT, 100))).as(expiresIn).isEqualTo(201);
            }

            // One token for all five requests: the assumed lifetime is not renewed at once.
            assertThat(server.requests(TOKEN) - before).as(expiresIn).isEqualTo(1);
            assertThat(component.status().tokenExpiresAt()).isAfter(Instant.now().plusSeconds(20));
            assertThat(component.health().state()).isEqualTo(HealthState.UP);
        }
    }

    private Exchange send(String method, String path, int bodyBytes) {
        return template.send(ControlPlaneConnection.ENDPOINT, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
            exchange.getMessage().setBody(bodyBytes == 0 ? null
                    : ("{\"p\":\"" + "x".repeat(bodyBytes) + "\"}").getBytes(StandardCharsets.UTF_8));
        });
    }

    private static int status(Exchange exchange) {
        assertThat(exchange.getException()).as("exchange exception").isNull();
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    /** Runs the exchange, failing the test (rather than hanging it) if it does not end within {@code bound}. */
    private <T> T within(Duration bound, java.util.concurrent.Callable<T> call) throws Exception {
        Future<T> result = callers.submit(call);
        try {
            return result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("the exchange did not end within " + bound + ": it would hang", e);
        }
    }

}
