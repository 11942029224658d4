package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

class ModelJsonTest {

    private final ObjectMapper mapper = Fixtures.mapper();

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(value), type);
    }

    private static List<String> fieldNames(JsonNode node) {
        return iterableToList(node.fieldNames());
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> names = new java.util.ArrayList<>();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void assessmentResultRoundTripsWithOscalShapedFields() throws Exception {
        AssessmentResult result = Fixtures.result();

        JsonNode json = mapper.readTree(mapper.writeValueAsString(result));

        assertThat(roundTrip(result, AssessmentResult.class)).isEqualTo(result);
        // errorKind is absent (null) for a FAIL; everything else is populated.
        assertThat(fieldNames(json)).containsExactly("resultId", "runId", "jobId", "taskId", "activityId", "planId",
                "componentId", "controlId", "status", "reason", "title", "observations", "findings", "risks",
                "subjects", "logs", "provenance");
        assertThat(json.get("status").asText()).isEqualTo("FAIL");
        JsonNode finding = json.get("findings").get(0);
        assertThat(fieldNames(finding)).containsExactly("uuid", "title", "description", "targetId", "state",
                "relatedObservations", "relatedRisks");
        assertThat(finding.get("state").asText()).isEqualTo("not-satisfied");
        assertThat(json.get("risks").get(0).get("status").asText()).isEqualTo("deviation-requested");
        JsonNode observation = json.get("observations").get(0);
        assertThat(fieldNames(observation)).containsExactly("uuid", "title", "description", "methods", "subjects",
                "evidence", "props", "collected");
        assertThat(observation.get("methods").toString()).isEqualTo("[\"EXAMINE\",\"TEST\"]");
        assertThat(json.get("provenance").get("digest").asText()).isEqualTo("sha256:" + "ab".repeat(32));
        assertThat(json.get("provenance").get("plugin").toString())
                .isEqualTo("{\"name\":\"acme/ssh-config\",\"version\":\"1.4.0-rc.1\"}");
        assertThat(json.get("provenance").get("start").asText()).isEqualTo("2026-11-25T10:15:30.123456789Z");
        // The subject without a uuid got a name-based one, which survives the trip as an explicit uuid.
        assertThat(json.get("subjects").get(0).get("uuid").asText())
                .isEqualTo(result.subjects().get(0).uuid().toString());
        // Empty title of the second subject and null log time are left out, not written as "" / null.
        assertThat(json.get("subjects").get(1).has("title")).isFalse();
        assertThat(json.get("logs").get(1).toString()).isEqualTo("{\"level\":\"INFO\",\"message\":\"done\"}");
    }

    @Test
    void errorResultCarriesItsKindAndLeavesEmptyPartsOut() throws Exception {
        AssessmentResult ok = Fixtures.result();
        AssessmentResult error = new AssessmentResult(UUID.randomUUID(), UUID.randomUUID(), "job-ssh", "ssh",
                "sshd-config", null, null, null, ResultStatus.ERROR, FailureKind.TIMEOUT, "ran longer than 20s",
                "sshd hardened", null, null, null, null, null,
                new Provenance(ok.provenance().requested(), null, null, null, null, "rt-1", Fixtures.START,
                        Fixtures.START));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(error));

        assertThat(roundTrip(error, AssessmentResult.class)).isEqualTo(error);
        assertThat(json.get("errorKind").asText()).isEqualTo("TIMEOUT");
        assertThat(json.has("findings")).isFalse();
        assertThat(json.has("planId")).isFalse();
        assertThat(fieldNames(json.get("provenance"))).containsExactly("requested", "runtimeId", "start", "end");
    }

    @Test
    void jobDefinitionRoundTripsWithScheduleAndConfiguration() throws Exception {
        JobDefinition job = Fixtures.job();

        String text = mapper.writeValueAsString(job);
        JsonNode json = mapper.readTree(text);

        assertThat(roundTrip(job, JobDefinition.class)).isEqualTo(job);
        assertThat(fieldNames(json)).containsExactly("id", "title", "planId", "componentId", "controlId", "tasks");
        JsonNode task = json.get("tasks").get(0);
        assertThat(fieldNames(task)).containsExactly("id", "title", "schedule", "activities");
        assertThat(fieldNames(task.get("schedule"))).containsExactly("cron", "jitter", "watch", "timeZone", "overlap",
                "missedRuns");
        assertThat(task.get("schedule").get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(task.get("schedule").get("jitter").asText()).isEqualTo("PT30S");
        JsonNode activity = task.get("activities").get(0);
        assertThat(fieldNames(activity)).containsExactly("id", "title", "plugin", "configuration", "target");
        assertThat(activity.get("configuration").get("options").toString())
                .isEqualTo("{\"enabled\":true,\"ratio\":0.25,\"nothing\":null}");
        assertThat(fieldNames(activity.get("target"))).containsExactly("id", "type", "title", "facts");
        // An absent constraint is written as the explicit "*".
        assertThat(task.get("activities").get(1).get("plugin").get("version").asText()).isEqualTo("*");
    }

    @Test
    void handWrittenJobGetsDefaults() throws Exception {
        String text = """
                {"id": "j1", "title": "T", "tasks": [{"id": "t1", "title": "T1",
                  "schedule": {"interval": "PT5M"},
                  "activities": [{"id": "a1", "title": "A1", "plugin": {"name": "acme/x"}}]}]}
                """;

        JobDefinition job = mapper.readValue(text, JobDefinition.class);

        Schedule schedule = job.tasks().get(0).schedule();
        assertThat(schedule.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(schedule.overlap()).isEqualTo(Schedule.OverlapPolicy.SKIP);
        assertThat(schedule.timed()).isTrue();
        assertThat(job.task("t1").flatMap(t -> t.activity("a1")).map(Activity::plugin))
                .contains(new PluginRef("acme/x", "*"));
        assertThat(job.planId()).isEmpty();
    }

    @Test
    void pluginDescriptorRoundTripsAndMinimalManifestGetsDefaults() throws Exception {
        PluginDescriptor descriptor = Fixtures.descriptor();

        JsonNode json = mapper.readTree(mapper.writeValueAsString(descriptor));

        assertThat(roundTrip(descriptor, PluginDescriptor.class)).isEqualTo(descriptor);
        assertThat(fieldNames(json)).containsExactly("name", "version", "description", "abiVersion", "configSchema",
                "grants", "limits", "engine");
        assertThat(json.get("configSchema").get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(json.get("grants").toString())
                .isEqualTo("{\"directories\":[{\"hostPath\":\"/etc/ssh\",\"guestPath\":\"/host/etc/ssh\"}],"
                        + "\"env\":[\"HOSTNAME\"]}");
        assertThat(json.get("limits").toString()).isEqualTo(
                "{\"timeout\":\"PT20S\",\"maxMemoryBytes\":67108864,\"maxStdoutBytes\":1048576,\"maxStderrBytes\":65536}");

        PluginDescriptor minimal = mapper.readValue(
                "{\"name\":\"acme/noop\",\"version\":\"1.0.0\",\"abiVersion\":1,\"limits\":{\"timeout\":\"PT5S\"}}",
                PluginDescriptor.class);
        assertThat(minimal.grants()).isEqualTo(PluginGrants.NONE);
        assertThat(minimal.limits()).isEqualTo(new ResourceLimits(Duration.ofSeconds(5),
                ResourceLimits.DEFAULTS.maxMemoryBytes(), ResourceLimits.DEFAULTS.maxStdoutBytes(),
                ResourceLimits.DEFAULTS.maxStderrBytes()));
        assertThat(minimal.configSchema()).isEmpty();
        assertThat(minimal.id()).isEqualTo(PluginId.parse("acme/noop@1.0.0"));
    }

    @Test
    void pluginOutputAsAPluginWritesIt() throws Exception {
        String stdout = """
                {"status": "FAIL",
                 "subjects": [{"identifier": "web-1", "type": "inventory-item"}],
                 "observations": [{"uuid": "22222222-2222-4222-8222-222222222222", "title": "o", "description": "d",
                                   "subjects": ["%s"]}],
                 "findings": [{"uuid": "44444444-4444-4444-8444-444444444444", "title": "f", "description": "d",
                               "state": "not-satisfied",
                               "relatedObservations": ["22222222-2222-4222-8222-222222222222"]}]}
                """.formatted(new Subject(null, "web-1", "inventory-item", null, null).uuid());

        PluginOutput output = mapper.readValue(stdout, PluginOutput.class);

        assertThat(output.findings().get(0).state()).isEqualTo(Finding.State.NOT_SATISFIED);
        assertThat(output.observations().get(0).subjects()).containsExactly(output.subjects().get(0).uuid());
        assertThat(roundTrip(output, PluginOutput.class)).isEqualTo(output);
    }

    @Test
    void pluginOutputWithDanglingReferenceIsRejectedNamingThePath() {
        String stdout = """
                {"status": "PASS",
                 "findings": [{"uuid": "44444444-4444-4444-8444-444444444444", "title": "f", "description": "d",
                               "state": "satisfied",
                               "relatedObservations": ["22222222-2222-4222-8222-222222222222"]}]}
                """;

        assertThatThrownBy(() -> mapper.readValue(stdout, PluginOutput.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("PluginOutput.findings[0].relatedObservations references "
                        + "22222222-2222-4222-8222-222222222222, which is no observation of this result");
    }

    @Test
    void missingRequiredFieldInJsonNamesTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"version\":\"1.0.0\",\"abiVersion\":1}", PluginDescriptor.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("PluginDescriptor.name is required");
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"acme/x\",\"version\":\"1.0.0\"}", PluginDescriptor.class))
                .hasMessageContaining("PluginDescriptor.abiVersion is required");
        assertThatThrownBy(() -> mapper.readValue("{\"cron\":\"0 2 * * *\"}", Schedule.class))
                .hasMessageContaining("Schedule.cron '0 2 * * *' has 5 fields; it needs 6");
    }

    @Test
    void jobContextIsThePluginsStdinDocument() throws Exception {
        JobDefinition job = Fixtures.job();
        Task task = job.tasks().get(0);
        UUID runId = UUID.fromString("66666666-6666-4666-8666-666666666666");

        JobContext context = JobContext.of(runId, job, task, task.activities().get(0));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(context));

        assertThat(roundTrip(context, JobContext.class)).isEqualTo(context);
        assertThat(fieldNames(json)).containsExactly("abiVersion", "runId", "jobId", "taskId", "activityId", "planId",
                "componentId", "controlId", "configuration", "target");
        assertThat(json.get("abiVersion").asInt()).isEqualTo(JobContext.ABI_VERSION);
        assertThat(json.get("configuration").get("big").asLong()).isEqualTo(3_000_000_000L);
    }

    @Test
    void storedResultAndInstalledPluginRoundTrip() throws Exception {
        StoredResult stored = new StoredResult(Fixtures.result(), DeliveryState.PARKED, 3, "400: start in the future",
                Fixtures.END, Fixtures.END.plusSeconds(60));
        InstalledPlugin plugin = new InstalledPlugin(Fixtures.descriptor(), Fixtures.DIGEST,
                InstalledPlugin.Source.REGISTRY, InstalledPlugin.SignatureStatus.VERIFIED, "ed25519:3f9a", Fixtures.END);

        assertThat(roundTrip(stored, StoredResult.class)).isEqualTo(stored);
        assertThat(roundTrip(plugin, InstalledPlugin.class)).isEqualTo(plugin);
        assertThat(fieldNames(mapper.readTree(mapper.writeValueAsString(plugin)))).containsExactly("descriptor",
                "digest", "source", "signature", "signerKeyId", "installedAt");
    }
}
