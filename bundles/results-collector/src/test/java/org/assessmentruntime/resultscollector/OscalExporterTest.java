package org.assessmentruntime.resultscollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.resultscollector.internal.Json;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class OscalExporterTest {

    private static final Pattern OSCAL_UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC);

    private final OscalExporter exporter = new OscalExporter().withClock(CLOCK);

    /** Every fixture (PASS, FAIL, ERROR) as its own run, plus one run of two results on a control. */
    private static List<AssessmentResult> results() {
        List<AssessmentResult> results = new ArrayList<>();
        Fixtures.ALL.forEach(name -> results.add(Fixtures.load(name)));
        UUID run = UUID.randomUUID();
        results.add(Fixtures.onControl(Fixtures.variant(Fixtures.SSHD_FAIL, run, "nightly",
                Instant.parse("2026-01-31T02:00:00Z")), "plan-7", "ac-17.2"));
        results.add(Fixtures.onControl(Fixtures.variant(Fixtures.OS_BASELINE_PASS, run, "nightly",
                Instant.parse("2026-01-31T02:00:05Z")), "plan-7", "CM-6(1)"));
        return results;
    }

    @Test
    void anExportOfRealResultsIsValidOscal() {
        ObjectNode document = exporter.export(results());

        assertThat(OscalSchema.validate(document)).isEmpty();
        JsonNode ar = document.get("assessment-results");
        assertThat(ar.at("/metadata/oscal-version").asText()).isEqualTo("1.1.2");
        assertThat(ar.at("/metadata/last-modified").asText()).isEqualTo("2026-02-01T12:00:00Z");
        assertThat(ar.get("results")).hasSize(Fixtures.ALL.size() + 1);
    }

    @Test
    void aBrokenDocumentIsRejected() {
        // So that the test above can fail: the same document, broken in three ways OSCAL forbids.
        ObjectNode document = exporter.export(results());
        ObjectNode ar = (ObjectNode) document.get("assessment-results");
        ((ObjectNode) ar.get("metadata")).remove("oscal-version");
        ((ObjectNode) ar.at("/results/0")).put("uuid", UUID.nameUUIDFromBytes(new byte[] {1}).toString());
        ((ObjectNode) ar.at("/results/2/findings/0/target/status")).put("state", "maybe");
        ((ObjectNode) ar.at("/results/0/observations/0/props/0")).put("name", "1-not-a-token");

        assertThat(OscalSchema.validate(document)).hasSize(4)
                .anySatisfy(m -> assertThat(m.getMessage()).contains("oscal-version"))
                .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).endsWith("/results/0/uuid"))
                .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).endsWith("/status/state"))
                .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).endsWith("/props/0/name"));
    }

    @Test
    void namesFromPluginsAreFittedToOscalTokens() {
        // Non-ASCII letters are tokens (\p{L}); brackets, slashes and a leading digit are not.
        AssessmentResult fixture = Fixtures.load(Fixtures.OS_BASELINE_PASS);
        Observation o = fixture.observations().get(0);
        Observation odd = new Observation(o.uuid(), o.title(), o.description(), o.methods(), o.subjects(),
                o.evidence(), Map.of("Größe", "3", "path/1", "x", "9lives", "y", "spaced key", "line\nbreak"),
                o.collected());
        AssessmentResult result = new AssessmentResult(fixture.resultId(), fixture.runId(), fixture.jobId(),
                fixture.taskId(), fixture.activityId(), "", "", "AC-2(1)", fixture.status(), null, "", fixture.title(),
                List.of(odd), fixture.findings(), List.of(), fixture.subjects(), List.of(), fixture.provenance());

        ObjectNode document = exporter.export(List.of(result));

        assertThat(OscalSchema.validate(document)).isEmpty();
        JsonNode props = document.at("/assessment-results/results/0/observations/0/props");
        assertThat(StreamSupport.stream(props.spliterator(), false).map(p -> p.get("name").asText()))
                .contains("Größe", "path-1", "_9lives", "spaced-key");
        assertThat(document.at("/assessment-results/results/0/reviewed-controls/control-selections/0/include-controls/0/control-id")
                .asText()).isEqualTo("AC-2-1-");
    }

    @Test
    void everyFindingTracesToItsObservationsAndThePlugin() {
        ObjectNode document = exporter.export(results());

        for (JsonNode result : document.at("/assessment-results/results")) {
            Set<String> observations = uuids(result.get("observations"));
            Set<String> risks = uuids(result.get("risks"));
            Set<String> components = uuids(result.at("/local-definitions/assessment-assets/components"));
            for (JsonNode finding : iterable(result.get("findings"))) {
                assertThat(finding.get("related-observations")).isNotEmpty();
                finding.get("related-observations").forEach(r ->
                        assertThat(observations).contains(r.get("observation-uuid").asText()));
                iterable(finding.get("related-risks")).forEach(r ->
                        assertThat(risks).contains(r.get("risk-uuid").asText()));
                assertThat(components).contains(finding.at("/origins/0/actors/0/actor-uuid").asText());
                assertThat(props(finding)).containsKeys("result-id", "plugin-name", "plugin-version", "plugin-digest");
                // One of its observations is the run's, which names the plugin build that ran.
                assertThat(finding.get("related-observations")).anySatisfy(r -> {
                    JsonNode observation = byUuid(result.get("observations"), r.get("observation-uuid").asText());
                    assertThat(observation.at("/methods/0").asText()).isEqualTo("TEST");
                    assertThat(props(observation)).containsKeys("plugin-name", "plugin-digest", "engine", "status");
                });
            }
            for (JsonNode risk : iterable(result.get("risks"))) {
                risk.get("related-observations").forEach(r ->
                        assertThat(observations).contains(r.get("observation-uuid").asText()));
            }
            for (JsonNode observation : result.get("observations")) {
                assertThat(components).contains(observation.at("/origins/0/actors/0/actor-uuid").asText());
                assertThat(props(observation)).containsKey("result-id");
            }
        }
    }

    @Test
    void eachRunIsOneResultWithItsControlsAndAnErrorHasNoFinding() {
        List<AssessmentResult> results = results();
        ObjectNode document = exporter.export(results);
        JsonNode runs = document.at("/assessment-results/results");

        JsonNode nightly = StreamSupport.stream(runs.spliterator(), false)
                .filter(r -> r.get("observations").size() > 3 && props(r).get("job-id").equals("nightly"))
                .findFirst().orElseThrow();
        assertThat(nightly.get("title").asText()).isEqualTo("Run of job nightly: 2 assessments");
        assertThat(nightly.at("/reviewed-controls/control-selections/0/include-controls").findValuesAsText("control-id"))
                .containsExactly("CM-6-1-", "ac-17.2");
        assertThat(props(nightly)).containsEntry("plan-id", "plan-7");
        assertThat(nightly.get("start").asText()).isEqualTo(results.get(5).provenance().start().toString());
        assertThat(nightly.get("end").asText()).isEqualTo("2026-01-31T02:00:05Z");

        JsonNode error = byTitle(runs, Fixtures.load(Fixtures.SSHD_ERROR).title());
        assertThat(error.has("findings")).isFalse();
        assertThat(error.at("/reviewed-controls/control-selections/0").has("include-all")).isTrue();
        assertThat(props(error.at("/observations/0"))).containsEntry("status", "ERROR")
                .containsEntry("error-kind", "PLUGIN_REPORTED");

        // A PASS whose plugin gave findings keeps them; the document names the plan.
        assertThat(document.at("/assessment-results/import-ap/href").asText()).startsWith("#");
        assertThat(document.at("/assessment-results/back-matter/resources/0/title").asText())
                .isEqualTo("Assessment plan plan-7");
    }

    @Test
    void aNotApplicableResultIsASatisfiedFindingThatSaysSo() {
        AssessmentResult na = Fixtures.notApplicable();
        ObjectNode document = exporter.export(List.of(na, Fixtures.load(Fixtures.SSHD_FAIL)));

        assertThat(OscalSchema.validate(document)).isEmpty();
        JsonNode run = byTitle(document.at("/assessment-results/results"), na.title());
        assertThat(run.get("findings")).hasSize(1);
        JsonNode status = run.at("/findings/0/target/status");
        assertThat(status.get("state").asText()).isEqualTo("satisfied");
        assertThat(status.get("reason").asText()).isEqualTo("other");
        assertThat(status.get("remarks").asText()).isEqualTo("Not applicable: " + na.reason());
    }

    @Test
    void uuidsAreOscalUuidsUniqueAndTheSameOnEveryExport() {
        List<AssessmentResult> results = results();
        ObjectNode document = exporter.export(results);

        assertThat(document.findValuesAsText("uuid")).allMatch(uuid -> OSCAL_UUID.matcher(uuid).matches());
        // Results, observations, findings and risks are unique in the document. Plugins and runtimes are
        // defined in each result that used them, under the same uuid (OSCAL: one uuid per subject).
        List<String> events = new ArrayList<>();
        Map<String, JsonNode> assets = new HashMap<>();
        for (JsonNode result : document.at("/assessment-results/results")) {
            events.add(result.get("uuid").asText());
            for (String field : List.of("observations", "findings", "risks")) {
                iterable(result.get(field)).forEach(n -> events.add(n.get("uuid").asText()));
            }
            JsonNode definitions = result.at("/local-definitions/assessment-assets");
            for (JsonNode asset : iterable(definitions.get("components"))) {
                assertThat(assets.merge(asset.get("uuid").asText(), asset, (a, b) -> a)).isEqualTo(asset);
            }
        }
        assertThat(new HashSet<>(events)).hasSize(events.size());
        assertThat(exporter.export(results)).isEqualTo(document);
        assertThat(exporter.export(results.subList(0, 2)).at("/assessment-results/uuid"))
                .isNotEqualTo(document.at("/assessment-results/uuid"));
    }

    @Test
    void writesIndentedJsonAndNeedsAResult() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.withTitle("Nightly").withVersion("2").withImportAp("https://cp.example/plans/7.json")
                .write(List.of(Fixtures.load(Fixtures.SSHD_FAIL)), out);

        JsonNode written = Json.MAPPER.readTree(out.toByteArray());
        assertThat(out.toString()).contains("\n  \"assessment-results\"");
        assertThat(written.at("/assessment-results/metadata/title").asText()).isEqualTo("Nightly");
        assertThat(written.at("/assessment-results/import-ap/href").asText()).isEqualTo("https://cp.example/plans/7.json");
        assertThat(written.at("/assessment-results").has("back-matter")).isFalse();
        assertThat(OscalSchema.validate(written)).isEmpty();
        assertThatThrownBy(() -> exporter.export(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exporter.withTitle("two\nlines")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> uuids(JsonNode array) {
        Set<String> uuids = new HashSet<>();
        iterable(array).forEach(n -> uuids.add(n.get("uuid").asText()));
        return uuids;
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null ? List.of() : array;
    }

    private static JsonNode byUuid(JsonNode array, String uuid) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.get("uuid").asText().equals(uuid))
                .findFirst().orElseThrow();
    }

    private static JsonNode byTitle(JsonNode array, String title) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.get("title").asText().equals(title))
                .findFirst().orElseThrow();
    }

    private static Map<String, String> props(JsonNode node) {
        Map<String, String> props = new LinkedHashMap<>();
        iterable(node.get("props")).forEach(p -> props.putIfAbsent(p.get("name").asText(), p.get("value").asText()));
        return props;
    }
}
