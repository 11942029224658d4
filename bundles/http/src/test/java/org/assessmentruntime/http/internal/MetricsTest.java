package org.assessmentruntime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.AuthenticationStatus;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RouteInfo;
import org.assessmentruntime.api.RouteInventory;
import org.assessmentruntime.api.StatusService;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.runs.FinishedRun;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** One sample line of the text format: name, optional {labels}, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)");

    private final Clock clock = Clock.fixed(Fixtures.T0.plusSeconds(90), ZoneOffset.UTC);
    private final RuntimeMetrics metrics = new RuntimeMetrics(clock);

    @Test
    void runsAreCountedByJobAndOutcomeWithTheirDurations() throws IOException {
        metrics.runFinished(run("host-os", ResultStatus.PASS, Duration.ofMillis(30)));
        metrics.runFinished(run("host-os", ResultStatus.PASS, Duration.ofSeconds(3)));
        metrics.runFinished(run("host-ssh", ResultStatus.ERROR, Duration.ofMillis(200)));

        Map<String, Double> samples = scrape();

        assertThat(samples).containsEntry("assessment_runs_total{job=\"host-os\",outcome=\"PASS\"}", 2.0)
                .containsEntry("assessment_runs_total{job=\"host-ssh\",outcome=\"ERROR\"}", 1.0)
                .containsEntry("assessment_run_duration_seconds_count{outcome=\"PASS\"}", 2.0)
                .containsEntry("assessment_run_duration_seconds_bucket{outcome=\"PASS\",le=\"0.05\"}", 1.0)
                .containsEntry("assessment_run_duration_seconds_bucket{outcome=\"PASS\",le=\"5.0\"}", 2.0)
                .containsEntry("assessment_run_duration_seconds_bucket{outcome=\"PASS\",le=\"+Inf\"}", 2.0);
        assertThat(samples.get("assessment_run_duration_seconds_sum{outcome=\"PASS\"}")).isCloseTo(3.03,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theServicesAreReadAtScrapeTime() throws IOException {
        StatusService status = mock(StatusService.class);
        when(status.status()).thenReturn(Fixtures.with(Fixtures.status(HealthState.UP), ComponentId.HEARTBEAT,
                HealthState.DEGRADED));
        metrics.statusService = status;
        ResultsCollector collector = mock(ResultsCollector.class);
        when(collector.backlog()).thenReturn(new DeliveryBacklog(7, 2, Fixtures.T0));
        metrics.collector = collector;
        RouteInventory routes = mock(RouteInventory.class);
        when(routes.routes()).thenReturn(List.of(new RouteInfo("assessment-results-delivery", "Started", "timer:x",
                12, 3, 1, 1000)));
        metrics.routes = routes;
        Authentication authentication = mock(Authentication.class);
        when(authentication.status()).thenReturn(new AuthenticationStatus(true, "demo",
                Fixtures.T0.plusSeconds(390), ""));
        metrics.authentication = authentication;
        Heartbeat heartbeat = mock(Heartbeat.class);
        when(heartbeat.lastBeat()).thenReturn(Optional.of(new HeartbeatResult(Fixtures.T0.plusSeconds(30), true, "")));
        metrics.heartbeat = heartbeat;

        Map<String, Double> samples = scrape();

        assertThat(samples).containsEntry("assessment_ready", 0.0)
                .containsEntry("assessment_component_health{component=\"heartbeat\",state=\"DEGRADED\"}", 1.0)
                .containsEntry("assessment_component_health{component=\"heartbeat\",state=\"UP\"}", 0.0)
                .containsEntry("assessment_component_health{component=\"scheduler\",state=\"UP\"}", 1.0)
                .containsEntry("assessment_component_fact{component=\"results-collector\",fact=\"pending\"}", 3.0)
                .containsEntry("assessment_result_store_size_bytes", 2.0 * 1024 * 1024)
                .containsEntry("assessment_delivery_delivered_total", 42.0)
                .containsEntry("assessment_outbox_pending", 7.0)
                .containsEntry("assessment_outbox_parked", 2.0)
                .containsEntry("assessment_outbox_oldest_pending_age_seconds", 90.0)
                .containsEntry("assessment_routes", 1.0)
                .containsEntry("assessment_route_exchanges_total{route=\"assessment-results-delivery\"}", 12.0)
                .containsEntry("assessment_route_exchanges_failed_total{route=\"assessment-results-delivery\"}", 3.0)
                .containsEntry("assessment_auth_token_expiry_seconds", 300.0)
                .containsEntry("assessment_heartbeat_seconds_since_last", 60.0)
                .containsEntry("assessment_heartbeat_last_delivered", 1.0);
        // Text facts (a directory) are not figures and are left out.
        assertThat(samples.keySet()).noneMatch(k -> k.contains("fact=\"directory\""));
    }

    @Test
    void servicesThatAreAwayAreLeftOutNotReportedAsZero() throws IOException {
        Map<String, Double> samples = scrape();

        assertThat(samples.keySet()).noneMatch(k -> k.startsWith("assessment_outbox")
                || k.startsWith("assessment_auth") || k.startsWith("assessment_heartbeat")
                || k.startsWith("assessment_ready"));
    }

    @Test
    void theServletAnswersTheTextFormat() throws IOException {
        metrics.runFinished(run("host-os", ResultStatus.FAIL, Duration.ofMillis(30)));
        MetricsServlet servlet = new MetricsServlet(metrics);
        Http http = Http.get(null);

        servlet.doGet(http.request, http.response);

        assertThat(http.status()).isEqualTo(200);
        assertThat(http.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(http.body()).contains("# TYPE assessment_runs_total counter")
                .contains("assessment_runs_total{job=\"host-os\",outcome=\"FAIL\"} 1.0");
    }

    private Map<String, Double> scrape() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        metrics.write(out);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static FinishedRun run(String job, ResultStatus outcome, Duration took) {
        return new FinishedRun(job, "daily", "check", "examples/os-baseline", outcome,
                outcome == ResultStatus.ERROR ? FailureKind.TIMEOUT : null, took, Fixtures.T0, UUID.randomUUID(), true);
    }
}
