package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ValidationTest {

    private static final UUID U1 = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Test
    void requiredFieldsAreNamedInTheMessage() {
        assertThatThrownBy(() -> new Target(" ", "host", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Target.id is required");
        assertThatThrownBy(() -> new Observation(U1, "t", null, null, null, null, null, null))
                .hasMessage("Observation.description is required");
        assertThatThrownBy(() -> new Finding(U1, "t", "d", null, null, null, null))
                .hasMessage("Finding.state is required");
        assertThatThrownBy(() -> new Risk(U1, "t", "d", "", null, null))
                .hasMessage("Risk.statement is required");
        assertThatThrownBy(() -> new Subject(null, "web-1", null, null, null))
                .hasMessage("Subject.type is required");
        assertThatThrownBy(() -> new Activity("a", "t", null, null, null))
                .hasMessage("Activity.plugin is required");
        assertThatThrownBy(() -> new Provenance(new PluginRef("acme/x", null), null, null, null, null, "rt", null, null))
                .hasMessage("Provenance.start is required");
        assertThatThrownBy(() -> new JobContext(0, U1, "j", "t", "a", null, null, null, null, null))
                .hasMessage("JobContext.abiVersion is required (1 or higher), got 0");
    }

    @Test
    void idsAreTokens() {
        assertThatThrownBy(() -> new Task("a/b", "t", null, List.of()))
                .hasMessageStartingWith("Task.id 'a/b' must be 1-128 letters, digits");
        assertThatThrownBy(() -> new Task("t", "t", null, List.of()))
                .hasMessage("Task.activities of task 't' must not be empty");
    }

    @Test
    void duplicateIdsAreRejected() {
        Activity a = new Activity("a", "A", new PluginRef("acme/x", null), null, null);
        assertThatThrownBy(() -> new Task("t", "T", null, List.of(a, a)))
                .hasMessage("Task.activities of task 't' has the id 'a' more than once");
        Task t = new Task("t", "T", null, List.of(a));
        assertThatThrownBy(() -> new JobDefinition("j", "J", null, null, null, List.of(t, t)))
                .hasMessage("JobDefinition.tasks of job 'j' has the id 't' more than once");
    }

    @Test
    void nullListElementsAreNamedByIndex() {
        List<LogEntry> logs = new ArrayList<>();
        logs.add(new LogEntry(null, "x", null));
        logs.add(null);
        assertThatThrownBy(() -> new PluginOutput(ResultStatus.PASS, null, null, null, null, null, null, logs))
                .hasMessage("PluginOutput.logs[1] is null");
    }

    @Test
    void errorStatusAndErrorKindGoTogether() {
        AssessmentResult r = Fixtures.result();
        assertThatThrownBy(() -> new AssessmentResult(r.resultId(), r.runId(), "j", "t", "a", null, null, null,
                ResultStatus.ERROR, null, "boom", "T", null, null, null, null, null, r.provenance()))
                .hasMessage("AssessmentResult.errorKind is required when status is ERROR");
        assertThatThrownBy(() -> new AssessmentResult(r.resultId(), r.runId(), "j", "t", "a", null, null, null,
                ResultStatus.PASS, FailureKind.TRAP, null, "T", null, null, null, null, null, r.provenance()))
                .hasMessage("AssessmentResult.errorKind must be absent when status is PASS");
        assertThatThrownBy(() -> new AssessmentResult(r.resultId(), r.runId(), "j", "t", "a", null, null, null,
                ResultStatus.ERROR, FailureKind.TRAP, " ", "T", null, null, null, null, null, r.provenance()))
                .hasMessage("AssessmentResult.reason is required when status is ERROR");
    }

    @Test
    void everyReferenceMustResolveWithinTheResult() {
        AssessmentResult r = Fixtures.result();
        Observation unknownSubject = new Observation(U1, "t", "d", null, List.of(UUID.randomUUID()), null, null, null);
        assertThatThrownBy(() -> new PluginOutput(ResultStatus.PASS, null, null, List.of(unknownSubject), null, null,
                r.subjects(), null))
                .hasMessageStartingWith("PluginOutput.observations[0].subjects references ")
                .hasMessageEndingWith(", which is no subject of this result");

        Finding unknownRisk = new Finding(U1, "t", "d", null, Finding.State.SATISFIED, null, List.of(U1));
        assertThatThrownBy(() -> new PluginOutput(ResultStatus.PASS, null, null, null, List.of(unknownRisk), null, null,
                null))
                .hasMessage("PluginOutput.findings[0].relatedRisks references " + U1 + ", which is no risk of this result");

        Subject s = new Subject(null, "web-1", "inventory-item", null, null);
        assertThatThrownBy(() -> new PluginOutput(ResultStatus.PASS, null, null, null, null, null, List.of(s, s), null))
                .hasMessage("PluginOutput.subjects has the uuid " + s.uuid() + " more than once");
    }

    @Test
    void subjectUuidIsStableForTheSameThing() {
        Subject a = new Subject(null, "web-1", "inventory-item", "x", null);
        Subject b = new Subject(null, "web-1", "inventory-item", "y", Map.of("k", "v"));
        Subject c = new Subject(null, "web-1", "component", null, null);

        assertThat(a.uuid()).isEqualTo(b.uuid()).isNotEqualTo(c.uuid());
    }

    @Test
    void configurationIsDeepCopiedAndUnmodifiable() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", new ArrayList<>(List.of("a")));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("nested", nested);
        Activity activity = new Activity("a", "A", new PluginRef("acme/x", null), config, null);

        nested.put("k2", 1);
        @SuppressWarnings("unchecked")
        List<Object> sourceList = (List<Object>) nested.get("k");
        sourceList.add("b");

        @SuppressWarnings("unchecked")
        Map<String, Object> copied = (Map<String, Object>) activity.configuration().get("nested");
        assertThat(copied).containsOnlyKeys("k");
        assertThat(copied.get("k")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> copied.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> activity.configuration().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void configurationRejectsWhatIsNotJson() {
        Map<String, Object> config = Map.of("when", Map.of("at", Duration.ofSeconds(1)));
        assertThatThrownBy(() -> new Activity("a", "A", new PluginRef("acme/x", null), config, null))
                .hasMessage("Activity.configuration.when.at is a java.time.Duration; only JSON values are allowed "
                        + "(string, number, boolean, null, Map, List)");
    }

    @Test
    void schedulesAreChecked() {
        assertThatThrownBy(() -> new Schedule("0 0 2 * * *", Duration.ofHours(1), null, null, null, null, null))
                .hasMessage("Schedule.cron and Schedule.interval are exclusive; set one");
        assertThatThrownBy(() -> Schedule.every(Duration.ofSeconds(-1)))
                .hasMessage("Schedule.interval must be positive, got PT-1S");
        assertThatThrownBy(() -> new Schedule(null, null, null, List.of("etc/ssh"), null, null, null))
                .hasMessage("Schedule.watch path 'etc/ssh' must be absolute");
        assertThat(Schedule.MANUAL.timed()).isFalse();
        assertThat(Schedule.cron("0 0 2 * * *").timed()).isTrue();
    }

    @Test
    void grantsAreChecked() {
        assertThatThrownBy(() -> new DirectoryGrant("/etc/../root", null))
                .hasMessage("DirectoryGrant.hostPath '/etc/../root' must not contain '..'");
        assertThatThrownBy(() -> new DirectoryGrant("/etc", "etc"))
                .hasMessage("DirectoryGrant.guestPath 'etc' must be absolute");
        assertThat(new DirectoryGrant("/etc/ssh", null).guestPath()).isEqualTo("/etc/ssh");
        assertThatThrownBy(() -> new PluginGrants(null, List.of("HOME", "1BAD")))
                .hasMessageStartingWith("PluginGrants.env '1BAD' is not an environment variable name");
    }

    @Test
    void provenanceKeepsPluginAndDigestTogetherAndTimeInOrder() {
        PluginRef ref = new PluginRef("acme/x", null);
        assertThatThrownBy(() -> new Provenance(ref, new PluginId("acme/x", "1.0.0"), null, null, null, "rt",
                Fixtures.START, Fixtures.END))
                .hasMessage("Provenance.plugin and Provenance.digest go together: give both or neither");
        assertThatThrownBy(() -> new Provenance(ref, new PluginId("acme/y", "1.0.0"), Fixtures.DIGEST, null, null, "rt",
                Fixtures.START, Fixtures.END))
                .hasMessage("Provenance.plugin acme/y@1.0.0 is not the requested plugin acme/x");
        assertThatThrownBy(() -> new Provenance(ref, null, null, null, null, "rt", Fixtures.END, Fixtures.START))
                .hasMessage("Provenance.end " + Fixtures.START + " is before Provenance.start " + Fixtures.END);
    }

    @Test
    void queryDefaultsAndBounds() {
        assertThat(ResultQuery.latest(0).limit()).isEqualTo(ResultQuery.DEFAULT_LIMIT);
        assertThatThrownBy(() -> ResultQuery.latest(-1))
                .hasMessage("ResultQuery.limit must be between 1 and 10000, got -1");
        assertThatThrownBy(() -> new ResultQuery(null, null, null, Fixtures.END, Fixtures.START, 10))
                .hasMessageStartingWith("ResultQuery.from ");
    }

    @Test
    void verifiedPluginNamesItsSigner() {
        assertThatThrownBy(() -> new InstalledPlugin(Fixtures.descriptor(), Fixtures.DIGEST,
                InstalledPlugin.Source.LOCAL, InstalledPlugin.SignatureStatus.VERIFIED, null, Fixtures.END))
                .hasMessage("InstalledPlugin.signerKeyId is required when the signature is VERIFIED");
    }

    @Test
    void streamIdIsPerActivityAndRuntimeNotPerRun() {
        AssessmentResult r = Fixtures.result();
        AssessmentResult nextRun = new AssessmentResult(UUID.randomUUID(), UUID.randomUUID(), r.jobId(), r.taskId(),
                r.activityId(), null, null, null, ResultStatus.PASS, null, null, "t", null, null, null, null, null,
                r.provenance());
        AssessmentResult otherActivity = new AssessmentResult(UUID.randomUUID(), UUID.randomUUID(), r.jobId(),
                r.taskId(), "other", null, null, null, ResultStatus.PASS, null, null, "t", null, null, null, null, null,
                r.provenance());

        assertThat(nextRun.streamId()).isEqualTo(r.streamId()).isNotEqualTo(otherActivity.streamId());
    }
}
