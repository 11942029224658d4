package org.assessmentruntime.resultscollector.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.internal.Json;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class EvidenceMapperTest {

    private static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");

    @Test
    void aBatchCarriesEachRenderedEvidenceUnchanged() throws Exception {
        List<byte[]> rendered = new ArrayList<>();
        List<JsonNode> expected = new ArrayList<>();
        for (String name : Fixtures.ALL) {
            AssessmentResult result = Fixtures.load(name);
            rendered.add(EvidenceMapper.render(result, NOW));
            expected.add(Json.MAPPER.valueToTree(EvidenceMapper.map(result, NOW)));
        }

        JsonNode batch = Json.MAPPER.readTree(Evidence.batch(rendered));

        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.path("items").isArray()).isTrue();
        assertThat(batch.path("items")).containsExactlyElementsOf(expected);
        assertThat(Json.MAPPER.readTree(Evidence.batch(List.of())).path("items").isEmpty()).isTrue();
    }

    @Test
    void mapsAFailedResultOntoTheControlPlanesEvidence() {
        AssessmentResult result = Fixtures.onControl(Fixtures.load(Fixtures.SSHD_FAIL), "plan-1", "AC-2");

        JsonNode json = Json.MAPPER.valueToTree(EvidenceMapper.map(result, NOW));

        assertThat(json.path("uuid").asText()).isEqualTo(result.streamId().toString());
        assertThat(json.path("title").asText()).isEqualTo(result.title());
        assertThat(json.path("description").asText()).contains(result.provenance().requested().name())
                .contains(result.jobId()).contains("FAIL");
        JsonNode labels = json.path("labels");
        assertThat(labels.path("_agent").asText()).isEqualTo(result.provenance().runtimeId());
        assertThat(labels.path("_plugin").asText()).isEqualTo(result.provenance().requested().name());
        assertThat(labels.path("_job").asText()).isEqualTo(result.jobId());
        assertThat(labels.path("_result").asText()).isEqualTo(result.resultId().toString());
        assertThat(labels.path("_plan").asText()).isEqualTo("plan-1");
        assertThat(labels.path("_control").asText()).isEqualTo("AC-2");
        assertThat(json.path("start").asText()).isEqualTo(result.provenance().start().toString());
        assertThat(json.path("end").asText()).isEqualTo(result.provenance().end().toString());
        assertThat(json.path("status").path("state").asText()).isEqualTo("not-satisfied");
        assertThat(json.path("status").path("reason").asText()).isEqualTo("fail");
        JsonNode actor = json.path("origins").path(0).path("actors").path(0);
        assertThat(actor.path("type").asText()).isEqualTo("tool");
        assertThat(actor.path("title").asText()).isEqualTo("Assessment Runtime");
        assertThat(UUID.fromString(actor.path("uuid").asText())).isNotNull();
        assertThat(json.path("subjects")).hasSize(result.subjects().size());
        assertThat(json.path("subjects").path(0).path("identifier").asText())
                .isEqualTo(result.subjects().get(0).identifier());
        assertThat(json.path("activities").path(0).path("steps")).hasSize(result.observations().size());
        assertThat(props(json)).contains("result-id=" + result.resultId(), "run-id=" + result.runId(),
                "status=FAIL", "plugin-digest=" + result.provenance().digest(),
                "engine=" + result.provenance().engine());
    }

    @Test
    void everyKeyIsKebabCaseOutsideTheLabels() {
        for (String name : Fixtures.ALL) {
            JsonNode json = Json.MAPPER.valueToTree(EvidenceMapper.map(Fixtures.load(name), NOW));
            assertThat(keys(json, "")).as(name).allMatch(key -> key.matches("[a-z]+(-[a-z]+)*"));
        }
    }

    @Test
    void anErrorIsNotSatisfiedWithItsKindAsReason() {
        AssessmentResult result = Fixtures.load(Fixtures.SSHD_ERROR);

        Evidence evidence = EvidenceMapper.map(result, NOW);

        assertThat(evidence.status().state()).isEqualTo("not-satisfied");
        assertThat(evidence.status().reason()).isEqualTo("error:plugin-reported");
        assertThat(evidence.status().remarks()).isEqualTo(result.reason().strip());
        assertThat(evidence.remarks()).isEqualTo(result.reason().strip());
        assertThat(EvidenceMapper.map(Fixtures.load(Fixtures.OS_BASELINE_PASS), NOW).status())
                .extracting(Evidence.Status::state, Evidence.Status::reason).containsExactly("satisfied", "pass");
    }

    @Test
    void aControlThatDoesNotApplyIsNotAGap() {
        AssessmentResult result = Fixtures.notApplicable();

        Evidence evidence = EvidenceMapper.map(result, NOW);

        // Counted as not-satisfied, every host without an SSH server would fail the control.
        assertThat(evidence.status().state()).isEqualTo("satisfied");
        assertThat(evidence.status().reason()).isEqualTo("not-applicable");
        assertThat(evidence.status().remarks()).isEqualTo(result.reason());
    }

    @Test
    void timesAfterTheDeliveryAreClampedToIt() {
        Instant future = NOW.plus(Duration.ofMinutes(10));
        AssessmentResult result = Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job", future);

        Evidence evidence = EvidenceMapper.map(result, NOW);

        assertThat(evidence.end()).isEqualTo(NOW);
        assertThat(evidence.start()).isBeforeOrEqualTo(NOW);
        assertThat(Json.MAPPER.valueToTree(evidence).path("end").asText()).isEqualTo("2031-06-01T12:00:00Z");

        // Wholly in the future: both at the delivery time.
        AssessmentResult later = Fixtures.variant(Fixtures.OS_BASELINE_PASS, UUID.randomUUID(), "job",
                NOW.plus(Duration.ofDays(1)));
        Evidence clamped = EvidenceMapper.map(later, NOW);
        assertThat(clamped.start()).isEqualTo(NOW);
        assertThat(clamped.end()).isEqualTo(NOW);
    }

    @Test
    void runsOfTheSameActivityShareTheirStreamAndDifferInTheirResultLabel() {
        AssessmentResult first = Fixtures.variant(Fixtures.SSHD_FAIL, UUID.randomUUID(), "job", NOW.minusSeconds(60));
        AssessmentResult second = Fixtures.variant(Fixtures.SSHD_FAIL, UUID.randomUUID(), "job", NOW);

        Evidence a = EvidenceMapper.map(first, NOW);
        Evidence b = EvidenceMapper.map(second, NOW);

        assertThat(a.uuid()).isEqualTo(b.uuid());
        assertThat(a.activities().get(0).uuid()).isEqualTo(b.activities().get(0).uuid());
        assertThat(a.labels().get("_result")).isNotEqualTo(b.labels().get("_result"));
    }

    private static List<String> props(JsonNode json) {
        List<String> props = new ArrayList<>();
        json.path("props").forEach(p -> props.add(p.path("name").asText() + "=" + p.path("value").asText()));
        return props;
    }

    private static List<String> keys(JsonNode node, String path) {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                keys.add(name);
                if (!name.equals("labels")) {
                    keys.addAll(keys(node.get(name), path + "." + name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> keys.addAll(keys(element, path)));
        }
        return keys;
    }
}
