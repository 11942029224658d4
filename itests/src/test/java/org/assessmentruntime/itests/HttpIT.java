package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafChecks;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The booted distribution's HTTP surface, through a real HTTP client on 127.0.0.1: liveness, readiness
 * with the per-component detail of {@code assessment:status}, a run counted in {@code /metrics} and its
 * result served by {@code /api/results}, strict parameters and methods; the port bound to loopback only,
 * and a non-loopback client refused even once the HTTP service is made to listen on every interface.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound for every component to come up after BootFinished (as BootIT allows, plus a busy machine). */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Order(1)
    void healthAnswersOnLoopback(KarafDistribution karaf) throws Exception {
        // The HTTP service may start a moment after BootFinished: poll, bounded.
        HttpResponse<String> health = await(karaf, "/health", r -> r.statusCode() == 200, SETTLE);

        assertThat(health.statusCode()).as("%s", health.body()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void readyOnceSettledWithEveryComponentsDetail(KarafDistribution karaf) throws Exception {
        HttpResponse<String> ready = await(karaf, "/ready", r -> r.statusCode() == 200, SETTLE);

        assertThat(ready.statusCode()).as("%s", ready.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("ready").asBoolean()).isTrue();
        assertThat(body.path("notReady")).isEmpty();
        // The same per-component document as assessment:status --json.
        assertThat(StatusOutput.componentIdsFromJson(ready.body())).containsExactlyInAnyOrderElementsOf(
                StatusOutput.COMPONENTS);
        body.path("components").forEach(c -> {
            assertThat(c.path("bundleState").asText()).as("%s", c).isEqualTo("ACTIVE");
            assertThat(c.path("health").path("state").asText()).as("%s", c).isIn("UP", "DISABLED");
            assertThat(c.path("health").has("detail")).as("%s", c).isTrue();
        });
    }

    @Test
    @Order(3)
    void aRunIsCountedInMetricsAndItsResultIsServed(KarafDistribution karaf) throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        CommandResult run = karaf.run("assessment:run --wait --json host-os", Duration.ofSeconds(120));
        assertThat(run.succeeded()).as("%s", run).isTrue();
        String output = run.output();
        JsonNode results = JSON.readTree(output.substring(output.indexOf('[')));
        String resultId = results.get(0).path("resultId").asText();
        String outcome = results.get(0).path("status").asText();
        assertThat(resultId).isNotEmpty();

        HttpResponse<String> metrics = get(karaf, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain; version=0.0.4"));
        assertThat(sample(metrics.body(), "assessment_runs_total{job=\"host-os\",outcome=\"" + outcome + "\"}"))
                .as("the run counter in:%n%s", metrics.body()).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(sample(metrics.body(), "assessment_run_duration_seconds_count{outcome=\"" + outcome + "\"}"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(sample(metrics.body(), "assessment_ready")).hasValue(1.0);
        // Standalone: the outbox and the Camel context answer (no routes run without a control plane).
        assertThat(metrics.body()).contains("assessment_outbox_pending ").contains("assessment_routes ")
                .contains("assessment_component_health{component=\"scheduler\",state=\"UP\"} 1.0");

        HttpResponse<String> served = get(karaf, "/api/results?job=host-os&since=" + before + "&limit=10");
        assertThat(served.statusCode()).as("%s", served.body()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        JSON.readTree(served.body()).forEach(s -> ids.add(s.path("result").path("resultId").asText()));
        assertThat(ids).contains(resultId);

        HttpResponse<String> one = get(karaf, "/api/results/" + resultId);
        assertThat(JSON.readTree(one.body()).path("result").path("jobId").asText()).isEqualTo("host-os");
        HttpResponse<String> jobs = get(karaf, "/api/jobs");
        assertThat(jobs.body()).contains("\"host-os\"");
        HttpResponse<String> runs = get(karaf, "/api/runs?job=host-os");
        assertThat(runs.body()).contains(results.get(0).path("runId").asText());
    }

    @Test
    @Order(4)
    void badInputIsRefusedClearly(KarafDistribution karaf) throws Exception {
        HttpResponse<String> badSince = get(karaf, "/api/results?since=yesterday");
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSince.body()).path("parameter").asText()).isEqualTo("since");

        HttpResponse<String> bigLimit = get(karaf, "/api/results?limit=100000");
        assertThat(bigLimit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bigLimit.body()).path("parameter").asText()).isEqualTo("limit");

        HttpResponse<String> post = send(karaf, HttpRequest.newBuilder(uri(karaf, "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        assertThat(get(karaf, "/api/secrets").statusCode()).isEqualTo(404);
        assertThat(get(karaf, "/not-an-endpoint").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void theHttpPortIsBoundToLoopbackOnly(KarafDistribution karaf) {
        InetAddress external = nonLoopbackAddress();
        int port = httpPort(karaf);
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external, port), 3000);
            }
        }).as("connecting to %s:%d", external.getHostAddress(), port).isInstanceOf(ConnectException.class);
    }

    @Test
    @Order(6)
    void aNonLoopbackClientIsRefusedEvenWhenTheServerListensEverywhereUntilAllowed(KarafDistribution karaf)
            throws Exception {
        InetAddress external = nonLoopbackAddress();
        // What a stock Karaf does: listen on every interface. Our servlet context must still refuse.
        CommandResult listen = karaf.run("config:property-set -p org.ops4j.pax.web "
                + "org.ops4j.pax.web.listening.addresses 0.0.0.0");
        assertThat(listen.succeeded()).as("%s", listen).isTrue();
        URI remote = URI.create("http://" + external.getHostAddress() + ":" + httpPort(karaf) + "/metrics");

        HttpResponse<String> refused = awaitUri(remote, r -> r.statusCode() == 403, SETTLE);
        assertThat(refused.statusCode()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("loopback").doesNotContain("assessment_runs");

        CommandResult allow = karaf.run("config:property-set -p org.assessmentruntime.http allowRemote true");
        assertThat(allow.succeeded()).as("%s", allow).isTrue();
        HttpResponse<String> allowed = awaitUri(remote, r -> r.statusCode() == 200, SETTLE);
        assertThat(allowed.statusCode()).as("%s", allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("assessment_runs_total");
    }

    @Test
    @Order(7)
    void withBasicAuthenticationKarafsRealmDecides(KarafDistribution karaf) throws Exception {
        // A user of Karaf's own realm (etc/users.properties) with the viewer role, and one without it.
        // One shell session: jaas:realm-manage opens the realm for the commands after it.
        CommandResult users = karaf.run("jaas:realm-manage --realm karaf --module "
                + "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule; jaas:user-add web s3cret; "
                + "jaas:role-add web viewer; jaas:user-add nobody s3cret; jaas:update");
        assertThat(users.succeeded()).as("%s", users).isTrue();
        CommandResult basic = karaf.run("config:property-set -p org.assessmentruntime.http authentication basic");
        assertThat(basic.succeeded()).as("%s", basic).isTrue();

        HttpResponse<String> challenged = await(karaf, "/ready", r -> r.statusCode() == 401, SETTLE);
        assertThat(challenged.statusCode()).isEqualTo(401);
        assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Basic realm=\"karaf\""));
        assertThat(withLogin(karaf, "/ready", "web:s3cret").statusCode()).isEqualTo(200);
        assertThat(withLogin(karaf, "/ready", "web:wrong").statusCode()).isEqualTo(401);
        assertThat(withLogin(karaf, "/ready", "nobody:s3cret").statusCode()).as("a user without the role")
                .isEqualTo(401);
    }

    @Test
    @Order(8)
    void karafLogHasNoErrors(KarafDistribution karaf) {
        KarafChecks.assertNoErrorsLogged(karaf);
    }

    // ------------------------------------------------------------------------------------------------

    private static int httpPort(KarafDistribution karaf) {
        Integer port = karaf.ports().get("http");
        assertThat(port).as("the harness configures etc/org.ops4j.pax.web.cfg, which the distribution ships")
                .isNotNull();
        return port;
    }

    private static URI uri(KarafDistribution karaf, String path) {
        return URI.create("http://127.0.0.1:" + httpPort(karaf) + path);
    }

    private static HttpResponse<String> get(KarafDistribution karaf, String path) throws IOException, InterruptedException {
        return send(karaf, HttpRequest.newBuilder(uri(karaf, path)).GET());
    }

    private static HttpResponse<String> withLogin(KarafDistribution karaf, String path, String userAndPassword)
            throws IOException, InterruptedException {
        return send(karaf, HttpRequest.newBuilder(uri(karaf, path)).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(userAndPassword.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))).GET());
    }

    private static HttpResponse<String> send(KarafDistribution karaf, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> await(KarafDistribution karaf, String path,
            java.util.function.Predicate<HttpResponse<String>> until, Duration timeout) throws InterruptedException {
        return awaitUri(uri(karaf, path), until, timeout);
    }

    /** Polls a URL until {@code until} accepts the answer; the last answer, or fails naming the last error. */
    private static HttpResponse<String> awaitUri(URI uri, java.util.function.Predicate<HttpResponse<String>> until,
            Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = CLIENT.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (until.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                if (last == null) {
                    throw new AssertionError("no answer from " + uri + " within " + timeout.toSeconds() + " s",
                            lastError);
                }
                return last;
            }
            Thread.sleep(500);
        }
    }

    /** The value of one sample line of the text format, e.g. {@code assessment_ready 1.0}. */
    private static Optional<Double> sample(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** An IPv4 address of this machine that is not loopback; skips the test on a machine without one. */
    private static InetAddress nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        Assumptions.abort("this machine has no non-loopback IPv4 address to test from");
        return null;
    }
}
