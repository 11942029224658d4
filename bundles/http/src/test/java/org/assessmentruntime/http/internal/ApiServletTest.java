package org.assessmentruntime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

class ApiServletTest {

    private final ResultsCollector collector = mock(ResultsCollector.class);
    private final Scheduler scheduler = mock(Scheduler.class);
    private final HttpPolicy policy = new HttpPolicy(TestConfigs.http(false, "none", 100, 1000));
    private final ApiServlet servlet = new ApiServlet(policy);

    ApiServletTest() {
        servlet.collector = collector;
        servlet.scheduler = scheduler;
    }

    @Test
    void resultsAreQueriedWithTheGivenFiltersAndReturnedAsTheStoredDocuments() throws IOException {
        StoredResult stored = Fixtures.stored("host-ssh", UUID.randomUUID(), Fixtures.T0);
        when(collector.query(any())).thenReturn(List.of(stored));

        Http http = get("/results", "job", "host-ssh", "since", "2026-11-25T00:00:00Z", "status", "fail",
                "plugin", "examples/sshd-hardening", "limit", "5");

        assertThat(http.status()).isEqualTo(200);
        assertThat(http.contentType()).isEqualTo("application/json");
        JsonNode body = http.json();
        assertThat(body).hasSize(1);
        assertThat(body.get(0).path("result").path("resultId").asText()).isEqualTo(stored.result().resultId().toString());
        assertThat(body.get(0).path("state").asText()).isEqualTo("PENDING");
        assertThat(body.get(0).path("storedAt").asText()).isEqualTo("2026-11-25T12:00:00Z");
        ArgumentCaptor<ResultQuery> query = ArgumentCaptor.forClass(ResultQuery.class);
        verify(collector).query(query.capture());
        assertThat(query.getValue()).isEqualTo(new ResultQuery("host-ssh", "examples/sshd-hardening",
                ResultStatus.FAIL, Instant.parse("2026-11-25T00:00:00Z"), null, 5));
    }

    @Test
    void withoutALimitTheDefaultOneApplies() throws IOException {
        when(collector.query(any())).thenReturn(List.of());

        assertThat(get("/results").status()).isEqualTo(200);
        verify(collector).query(ResultQuery.latest(100));
    }

    @ParameterizedTest
    @CsvSource({
        "job, ../etc, not a job id",
        "since, yesterday, ISO-8601",
        "until, 2026-13-01T00:00:00Z, ISO-8601",
        "status, MAYBE, 'PASS, FAIL, ERROR'",
        "plugin, Not A Plugin, plugin name",
        "limit, 0, between 1 and 1000",
        "limit, 1001, between 1 and 1000",
        "limit, ten, whole number",
        "jobs, host-os, unknown parameter"})
    void aBadParameterIs400NamingIt(String parameter, String value, String message) throws IOException {
        Http http = get("/results", parameter, value);

        assertThat(http.status()).isEqualTo(400);
        assertThat(http.json().path("parameter").asText()).isEqualTo(parameter);
        assertThat(http.json().path("error").asText()).contains(parameter).contains(message);
        verify(collector, never()).query(any());
    }

    @Test
    void sinceMustBeBeforeUntil() throws IOException {
        Http http = get("/results", "since", "2026-11-25T00:00:00Z", "until", "2026-11-24T00:00:00Z");

        assertThat(http.status()).isEqualTo(400);
        assertThat(http.json().path("parameter").asText()).isEqualTo("since");
    }

    @Test
    void aParameterGivenTwiceIsRefused() throws IOException {
        Http http = Http.get("/results", Map.of("job", new String[] {"a", "b"}));

        servlet.doGet(http.request, http.response);

        assertThat(http.status()).isEqualTo(400);
        assertThat(http.json().path("error").asText()).contains("2 times");
    }

    @Test
    void runsAreTheResultsSummedUpPerRunNewestFirst() throws IOException {
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        when(collector.query(any())).thenReturn(List.of(Fixtures.stored("host-os", newer, Fixtures.T0.plusSeconds(60)),
                Fixtures.stored("host-os", older, Fixtures.T0), Fixtures.stored("host-os", older, Fixtures.T0)));

        Http http = get("/runs", "job", "host-os");

        assertThat(http.status()).isEqualTo(200);
        JsonNode runs = http.json();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("runId").asText()).isEqualTo(newer.toString());
        assertThat(runs.get(1).path("total").asInt()).isEqualTo(2);
        assertThat(runs.get(1).path("verdict").asText()).isEqualTo("FAIL");
        assertThat(runs.get(1).path("counts").path("FAIL").asInt()).isEqualTo(2);
    }

    @Test
    void oneResultByIdOr404OrA400ForANonId() throws IOException {
        StoredResult stored = Fixtures.stored("host-ssh", UUID.randomUUID(), Fixtures.T0);
        UUID id = stored.result().resultId();
        when(collector.find(id)).thenReturn(Optional.of(stored));
        when(collector.find(any())).thenAnswer(inv -> id.equals(inv.getArgument(0)) ? Optional.of(stored)
                : Optional.empty());

        assertThat(get("/results/" + id).json().path("result").path("resultId").asText()).isEqualTo(id.toString());
        assertThat(get("/results/" + UUID.randomUUID()).status()).isEqualTo(404);
        Http bad = get("/results/not-a-uuid");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("parameter").asText()).isEqualTo("id");
    }

    @Test
    void jobsAreTheSchedulersAndAnUnknownJobIs404() throws IOException {
        when(scheduler.jobs()).thenReturn(List.of());
        when(scheduler.job("nope")).thenReturn(Optional.empty());

        Http jobs = get("/jobs");
        assertThat(jobs.status()).isEqualTo(200);
        assertThat(jobs.body()).isEqualTo("[]");
        assertThat(get("/jobs/nope").status()).isEqualTo(404);
        assertThat(get("/jobs", "job", "x").status()).isEqualTo(400);
    }

    @Test
    void anUnknownPathIs404AndAComponentAwayIs503() throws IOException {
        assertThat(get("/secrets").status()).isEqualTo(404);
        assertThat(get("").status()).isEqualTo(404);
        assertThat(get("/results/a/b").status()).isEqualTo(404);

        servlet.collector = null;
        Http away = get("/results");
        assertThat(away.status()).isEqualTo(503);
        assertThat(away.json().path("error").asText()).contains("results collector");
    }

    @Test
    void aLowerMaximumIsTakenLive() throws IOException {
        policy.modified(TestConfigs.http(false, "none", 10, 20));

        Http http = get("/results", "limit", "21");

        assertThat(http.status()).isEqualTo(400);
        assertThat(http.json().path("error").asText()).contains("between 1 and 20");
    }

    private Http get(String path, String... parameters) throws IOException {
        Map<String, String[]> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], new String[] {parameters[i + 1]});
        }
        Http http = Http.get(path, map);
        servlet.doGet(http.request, http.response);
        return http;
    }
}
