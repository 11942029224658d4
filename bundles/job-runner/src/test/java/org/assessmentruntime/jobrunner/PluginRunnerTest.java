package org.assessmentruntime.jobrunner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.LogEntry;
import org.assessmentruntime.api.model.LogEntry.Level;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Target;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every outcome of a run, through a fake executor, mapped to a result. */
class PluginRunnerTest {

    static final byte[] MODULE = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final UUID RUN = UUID.fromString("0d9f3c2e-7a41-4b8e-9a55-3f1e2d6c8b90");
    static final PluginRef REQUESTED = PluginRef.parse("acme/probe@^1");

    static final String PASS = """
            {"status":"PASS","reason":"all good","observations":[{"uuid":"116fb361-da15-3567-8faa-c907bcca32a4",
             "title":"seen","description":"it was seen","subjects":["baddf38e-f8bc-308b-8b14-74200e1fc3a3"]}],
             "findings":[{"uuid":"06ce733e-4e1a-35a5-9343-192de304ee02","title":"ok","description":"fine",
             "targetId":"check-1","state":"satisfied","relatedObservations":["116fb361-da15-3567-8faa-c907bcca32a4"]}],
             "subjects":[{"uuid":"baddf38e-f8bc-308b-8b14-74200e1fc3a3","identifier":"/data/x","type":"resource"}],
             "logs":[{"level":"INFO","message":"from the output"}]}
            """;

    @TempDir
    Path data;

    PluginPackage plugin;
    StepClock clock;

    @BeforeEach
    void setUp() throws Exception {
        plugin = PluginPackage.of(PluginPackage.readDescriptor(("""
                {"name":"acme/probe","version":"1.2.0","abiVersion":1,
                 "configSchema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                   "additionalProperties":false,"properties":{"maxAuthTries":{"type":"integer","minimum":1},
                   "mode":{"enum":["a","b"]}}},
                 "grants":{"directories":[{"hostPath":"%s","guestPath":"/data"}],"env":["FOO","UNSET"]},
                 "limits":{"timeout":"PT10S","maxMemoryBytes":33554432,"maxStdoutBytes":1048576,"maxStderrBytes":64},
                 "engine":"wasmtime"}
                """).formatted(data).getBytes(UTF_8), "test plugin.json"), MODULE);
        clock = new StepClock(T0, Duration.ofMillis(250));
    }

    PluginRunner runner(FakeExecutor executor) {
        // The temporary directories (data and fixtures) and the manifest's variables are the operator's to grant.
        GrantPolicy policy = GrantPolicy.allowing(List.of(System.getProperty("java.io.tmpdir")), List.of("FOO",
                "UNSET"));
        return new PluginRunner(executor, "runtime-1", clock, Map.of("FOO", "foo-value", "BAR", "bar")::get, policy);
    }

    static JobContext context(Map<String, Object> configuration) {
        return new JobContext(1, RUN, "job", "task", "activity", "plan", "", "ac-17", configuration,
                new Target("web-01", "inventory-item", "", Map.of("address", "10.0.0.15")));
    }

    @Test
    void passOutputIsAPassResultWithFullProvenance() {
        FakeExecutor executor = FakeExecutor.exitingZero(PASS, "INFO: started\n");
        ResourceLimits operator = new ResourceLimits(Duration.ofSeconds(5), 1L << 30, 0, 0);

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of("maxAuthTries", 3)),
                operator);

        assertThat(result.status()).isEqualTo(ResultStatus.PASS);
        assertThat(result.errorKind()).isNull();
        assertThat(result.reason()).isEqualTo("all good");
        assertThat(result.runId()).isEqualTo(RUN);
        assertThat(result.jobId()).isEqualTo("job");
        assertThat(result.planId()).isEqualTo("plan");
        assertThat(result.controlId()).isEqualTo("ac-17");
        assertThat(result.title()).isEqualTo("acme/probe@1.2.0");
        assertThat(result.findings()).extracting(Finding::state).containsExactly(Finding.State.SATISFIED);
        assertThat(result.subjects()).hasSize(1);
        // An observation without a time was made at the end of the run.
        assertThat(result.observations().get(0).collected()).isEqualTo(result.provenance().end());
        assertThat(result.logs()).extracting(LogEntry::level, LogEntry::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.INFO, "from the output"),
                        org.assertj.core.groups.Tuple.tuple(Level.INFO, "started"));

        var provenance = result.provenance();
        assertThat(provenance.requested()).isEqualTo(REQUESTED);
        assertThat(provenance.plugin()).isEqualTo(plugin.id());
        assertThat(provenance.digest()).isEqualTo(plugin.digest());
        assertThat(provenance.engine()).isEqualTo("fake");
        assertThat(provenance.limits()).isEqualTo(new ResourceLimits(Duration.ofSeconds(5), 33554432, 1048576, 64));
        assertThat(provenance.runtimeId()).isEqualTo("runtime-1");
        assertThat(provenance.start()).isEqualTo(T0);
        assertThat(provenance.end()).isAfter(provenance.start());
    }

    @Test
    void requestCarriesContextGrantsEnvLimitsAndEngineHint() throws Exception {
        FakeExecutor executor = FakeExecutor.exitingZero(PASS, "");

        runner(executor).run(plugin, REQUESTED, context(Map.of("mode", "a")), null);

        ExecutionRequest request = executor.only();
        assertThat(request.moduleDigest()).isEqualTo(plugin.digest());
        assertThat(request.module()).isEqualTo(MODULE);
        assertThat(request.args()).containsExactly("acme/probe");
        // Only granted variables, and of those only the ones set on the host.
        assertThat(request.env()).containsExactlyEntriesOf(Map.of("FOO", "foo-value"));
        assertThat(request.directories()).containsExactly(new DirectoryGrant(data.toString(), "/data"));
        assertThat(request.limits()).isEqualTo(plugin.descriptor().limits());
        assertThat(request.engine()).isEqualTo("wasmtime");

        JsonNode stdin = new ObjectMapper().readTree(request.stdin());
        assertThat(stdin.get("abiVersion").asInt()).isEqualTo(1);
        assertThat(stdin.get("runId").asText()).isEqualTo(RUN.toString());
        assertThat(stdin.get("jobId").asText()).isEqualTo("job");
        assertThat(stdin.get("controlId").asText()).isEqualTo("ac-17");
        assertThat(stdin.has("componentId")).as("empty fields are left out").isFalse();
        assertThat(stdin.get("configuration").get("mode").asText()).isEqualTo("a");
        assertThat(stdin.get("target").get("facts").get("address").asText()).isEqualTo("10.0.0.15");
        assertThat(stdin.get("target").has("title")).isFalse();
    }

    @Test
    void optionsOverrideEngineHostDirectoryAndTitle(@TempDir Path fixture) {
        FakeExecutor executor = FakeExecutor.exitingZero(PASS, "");
        RunOptions options = RunOptions.DEFAULT.withEngine("chicory").withHostDirectory("/data", fixture.toString())
                .withTitle("Probe the data");

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null, options);

        assertThat(executor.only().engine()).isEqualTo("chicory");
        assertThat(executor.only().directories()).containsExactly(new DirectoryGrant(fixture.toString(), "/data"));
        assertThat(result.title()).isEqualTo("Probe the data");
    }

    @Test
    void overridingAGuestPathTheManifestDoesNotGrantIsTheCallersError() {
        FakeExecutor executor = FakeExecutor.exitingZero(PASS, "");
        RunOptions options = RunOptions.DEFAULT.withHostDirectory("/etc", "/etc");

        assertThatThrownBy(() -> runner(executor).run(plugin, REQUESTED, context(Map.of()), null, options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/etc");
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void aReferenceToAnotherPluginIsTheCallersError() {
        assertThatThrownBy(() -> runner(FakeExecutor.exitingZero(PASS, "")).run(plugin, PluginRef.parse("acme/other"),
                context(Map.of()), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acme/other");
    }

    @Test
    void aGrantedDirectoryMissingOnTheHostIsLeftOutWithAWarning() throws Exception {
        FakeExecutor executor = FakeExecutor.exitingZero(PASS, "");
        Files.delete(data);

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null);

        assertThat(executor.only().directories()).isEmpty();
        assertThat(result.status()).isEqualTo(ResultStatus.PASS);
        assertThat(result.logs()).anySatisfy(l -> {
            assertThat(l.level()).isEqualTo(Level.WARN);
            assertThat(l.message()).contains(data.toString()).contains("/data");
        });
    }

    @Test
    void failOutputIsAFailResult() {
        String fail = """
                {"status":"FAIL","reason":"1 of 1 not satisfied","title":"Probe","findings":[
                 {"uuid":"06ce733e-4e1a-35a5-9343-192de304ee02","title":"bad","description":"not fine",
                  "state":"not-satisfied"}]}
                """;

        AssessmentResult result = runner(FakeExecutor.exitingZero(fail, "")).run(plugin, REQUESTED,
                context(Map.of()), null);

        assertThat(result.status()).isEqualTo(ResultStatus.FAIL);
        assertThat(result.errorKind()).isNull();
        assertThat(result.title()).isEqualTo("Probe");
        assertThat(result.findings()).extracting(Finding::state).containsExactly(Finding.State.NOT_SATISFIED);
    }

    @Test
    void theOutputsOwnErrorIsPluginReported() {
        String error = """
                {"status":"ERROR","reason":"cannot read /data/x"}
                """;

        AssessmentResult result = runner(FakeExecutor.exitingZero(error, "ERROR: cannot read\n")).run(plugin,
                REQUESTED, context(Map.of()), null);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.PLUGIN_REPORTED);
        assertThat(result.reason()).isEqualTo("cannot read /data/x");
        assertThat(result.logs()).extracting(LogEntry::level).containsExactly(Level.ERROR);
        assertThat(result.provenance().engine()).isEqualTo("fake");
    }

    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = { "TIMEOUT", "MEMORY_LIMIT", "OUTPUT_LIMIT", "TRAP",
            "INVALID_MODULE", "ENGINE_UNAVAILABLE", "INTERNAL" })
    void anExecutorFailureIsAnErrorOfItsKind(FailureKind kind) {
        FakeExecutor executor = new FakeExecutor(r -> FakeExecutor.failure(kind, -1, "what happened: " + kind,
                "partial diagnostics\n"));

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(kind);
        assertThat(result.reason()).isEqualTo("what happened: " + kind);
        assertThat(result.findings()).isEmpty();
        assertThat(result.logs()).extracting(LogEntry::message).containsExactly("partial diagnostics");
        assertThat(result.provenance().limits()).isEqualTo(plugin.descriptor().limits());
        assertThat(result.provenance().engine()).isEqualTo("fake");
        assertThat(result.provenance().plugin()).isEqualTo(plugin.id());
    }

    @Test
    void aNonZeroExitCodeIsExitCodeNamingTheCodeAndStdoutIsNotRead() {
        FakeExecutor executor = new FakeExecutor(r -> new org.assessmentruntime.api.model.ExecutionOutcome(3,
                PASS.getBytes(UTF_8), false, new byte[0], false, Duration.ofMillis(1), "fake", FailureKind.EXIT_CODE,
                "exited with code 3"));

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null);

        assertThat(result.errorKind()).isEqualTo(FailureKind.EXIT_CODE);
        assertThat(result.reason()).isEqualTo("the plugin exited with code 3");
        assertThat(result.findings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "{\"status\":\"PASS\"} {\"status\":\"PASS\"}",
        "{\"status\":\"PASS\",\"extra\":1}",
        "{\"status\":\"MAYBE\"}",
        "{\"status\":\"ERROR\"}",
        "{\"status\":\"PASS\",\"subjects\":[{\"identifier\":\"x\",\"type\":\"resource\",\"props\":{\"n\":1}}]}",
        "{\"status\":\"FAIL\",\"findings\":[{\"uuid\":\"06ce733e-4e1a-35a5-9343-192de304ee02\",\"title\":\"t\","
                + "\"state\":\"not-satisfied\"}]}",
        "{\"status\":\"FAIL\",\"findings\":[{\"uuid\":\"06ce733e-4e1a-35a5-9343-192de304ee02\",\"title\":\"t\","
                + "\"description\":\"d\",\"state\":\"not-satisfied\","
                + "\"relatedObservations\":[\"116fb361-da15-3567-8faa-c907bcca32a4\"]}]}",
        "{\"status\":\"PASS\",\"status\":\"FAIL\"}",
        "[]"
    })
    void invalidOutputIsInvalidOutput(String stdout) {
        AssessmentResult result = runner(FakeExecutor.exitingZero(stdout, "")).run(plugin, REQUESTED,
                context(Map.of()), null);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.INVALID_OUTPUT);
        assertThat(result.reason()).startsWith("the plugin exited 0 but its stdout is not a valid plugin output");
        assertThat(result.logs()).last().satisfies(l -> assertThat(l.message()).startsWith("stdout began with: "));
    }

    @Test
    void invalidOutputNamesTheFieldAndTheRule() {
        String missingDescription = "{\"status\":\"FAIL\",\"findings\":[{\"uuid\":"
                + "\"06ce733e-4e1a-35a5-9343-192de304ee02\",\"title\":\"t\",\"state\":\"not-satisfied\"}]}";
        String unknown = "{\"status\":\"PASS\",\"observations\":[{\"uuid\":\"116fb361-da15-3567-8faa-c907bcca32a4\","
                + "\"title\":\"t\",\"description\":\"d\",\"colour\":\"red\"}]}";
        String numberProp = "{\"status\":\"PASS\",\"subjects\":[{\"identifier\":\"x\",\"type\":\"resource\","
                + "\"props\":{\"n\":1}}]}";

        assertThat(reasonFor(missingDescription)).contains("$.findings[0]").contains("Finding.description is required");
        assertThat(reasonFor(unknown)).contains("$.observations[0]").contains("unknown field 'colour'");
        assertThat(reasonFor(numberProp)).contains("$.subjects[0].props.n");
        assertThat(reasonFor("")).contains("stdout is empty");
        assertThat(reasonFor("{\"status\":\"PASS\"} {}")).contains("trailing");
        assertThat(reasonFor("{\"status\":\"PASS\"} x")).contains("not valid JSON").contains("column 20");
    }

    @Test
    void invalidUtf8IsInvalidOutput() {
        byte[] stdout = "{\"status\":\"PASS\",\"reason\":\"\u00e9\"}".getBytes(UTF_8);
        byte[] broken = new byte[stdout.length - 1];
        // Cut the two-byte é in half.
        int at = new String(stdout, UTF_8).indexOf('\u00e9');
        System.arraycopy(stdout, 0, broken, 0, at + 1);
        System.arraycopy(stdout, at + 2, broken, at + 1, stdout.length - at - 2);
        FakeExecutor executor = new FakeExecutor(r -> FakeExecutor.success(broken, new byte[0], false));

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null);

        assertThat(result.errorKind()).isEqualTo(FailureKind.INVALID_OUTPUT);
        assertThat(result.reason()).containsIgnoringCase("UTF-8");
    }

    @Test
    void trailingWhitespaceAfterTheDocumentIsFine() {
        AssessmentResult result = runner(FakeExecutor.exitingZero("{\"status\":\"PASS\"}\n\n  \n", "")).run(plugin,
                REQUESTED, context(Map.of()), null);

        assertThat(result.status()).isEqualTo(ResultStatus.PASS);
    }

    @Test
    void anInvalidConfigurationIsReportedWithEveryViolationAndThePluginDoesNotRun() {
        FakeExecutor executor = FakeExecutor.exitingZero(PASS, "");

        AssessmentResult result = runner(executor).run(plugin, REQUESTED,
                context(Map.of("maxAuthTries", 0, "mode", "c", "colour", "red")), null);

        assertThat(executor.requests).isEmpty();
        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.errorKind()).isEqualTo(FailureKind.INVALID_CONFIGURATION);
        assertThat(result.reason()).contains("$.maxAuthTries").contains("$.mode").contains("colour");
        assertThat(result.logs()).hasSize(3).allSatisfy(l -> {
            assertThat(l.level()).isEqualTo(Level.ERROR);
            assertThat(l.message()).startsWith("configuration: $");
        });
        assertThat(result.provenance().plugin()).isEqualTo(plugin.id());
        assertThat(result.provenance().engine()).isEmpty();
        assertThat(result.provenance().limits()).isNull();
    }

    @Test
    void stderrBecomesLogEntriesByPrefixAfterTheOutputsOwnAndTruncationIsNoted() {
        // Blank lines, with a prefix or without, say nothing and are dropped.
        String stderr = "DEBUG: d\nINFO: i\n\nWARN: w\nERROR: e\nplain line\r\nINFO:no space\nERROR:\n  \n";
        FakeExecutor executor = new FakeExecutor(r -> FakeExecutor.success(PASS.getBytes(UTF_8),
                stderr.getBytes(UTF_8), true));

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null);

        assertThat(result.status()).isEqualTo(ResultStatus.PASS);
        assertThat(result.logs()).extracting(LogEntry::level, LogEntry::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.INFO, "from the output"),
                org.assertj.core.groups.Tuple.tuple(Level.DEBUG, "d"),
                org.assertj.core.groups.Tuple.tuple(Level.INFO, "i"),
                org.assertj.core.groups.Tuple.tuple(Level.WARN, "w"),
                org.assertj.core.groups.Tuple.tuple(Level.ERROR, "e"),
                org.assertj.core.groups.Tuple.tuple(Level.WARN, "plain line"),
                org.assertj.core.groups.Tuple.tuple(Level.WARN, "INFO:no space"),
                org.assertj.core.groups.Tuple.tuple(Level.WARN,
                        "stderr was truncated: the plugin wrote more than its limit of 64 bytes; the rest was dropped"));
    }

    @Test
    void everyResultGetsAFreshIdAndEndIsNeverBeforeStart() {
        Deque<Instant> times = new ArrayDeque<>(List.of(T0, T0.minusSeconds(30), T0.minusSeconds(60)));
        Clock backwards = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return times.isEmpty() ? T0.minusSeconds(90) : times.poll();
            }
        };
        PluginRunner runner = new PluginRunner(FakeExecutor.exitingZero(PASS, ""), "runtime-1", backwards,
                name -> null);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            AssessmentResult result = runner.run(plugin, REQUESTED, context(Map.of()), null);
            assertThat(result.provenance().end()).isAfterOrEqualTo(result.provenance().start());
            ids.add(result.resultId());
        }
        assertThat(ids).hasSize(3);
    }

    @Test
    void anExecutorThatThrowsIsAnInternalError() {
        FakeExecutor executor = new FakeExecutor(r -> {
            throw new IllegalStateException("boom");
        });

        AssessmentResult result = runner(executor).run(plugin, REQUESTED, context(Map.of()), null);

        assertThat(result.errorKind()).isEqualTo(FailureKind.INTERNAL);
        assertThat(result.reason()).contains("boom");
    }

    private String reasonFor(String stdout) {
        return runner(FakeExecutor.exitingZero(stdout, "")).run(plugin, REQUESTED, context(Map.of()), null).reason();
    }

    /** A clock that advances by a fixed step at every reading. */
    static final class StepClock extends Clock {
        private Instant now;
        private final Duration step;

        StepClock(Instant start, Duration step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            Instant current = now;
            now = now.plus(step);
            return current;
        }
    }
}
