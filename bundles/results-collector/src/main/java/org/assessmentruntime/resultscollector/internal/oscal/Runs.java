package org.assessmentruntime.resultscollector.internal.oscal;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.resultscollector.internal.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps one run (the results sharing a run id) onto one OSCAL {@code result}: OSCAL's result is one
 * assessment event over a period of time, which is what a run is.
 */
public final class Runs {

    private Runs() {
    }

    /**
     * The OSCAL {@code result} of one run.
     *
     * @param runId   the run
     * @param results its results, in any order; at least one
     * @return the result node
     */
    public static ObjectNode result(UUID runId, List<AssessmentResult> results) {
        List<Source> sources = results.stream()
                .sorted(Comparator.comparing((AssessmentResult r) -> r.provenance().start())
                        .thenComparing(AssessmentResult::resultId))
                .map(Source::new).toList();
        AssessmentResult first = sources.get(0).result();
        ObjectNode node = Json.MAPPER.createObjectNode().put("uuid", Ids.of("result", runId).toString());
        node.put("title", sources.size() == 1 ? Text.line(first.title())
                : "Run of job " + first.jobId() + ": " + sources.size() + " assessments");
        node.put("description", description(runId, sources));
        node.put("start", results.stream().map(r -> r.provenance().start()).min(Instant::compareTo).orElseThrow()
                .toString());
        node.put("end", results.stream().map(r -> r.provenance().end()).max(Instant::compareTo).orElseThrow()
                .toString());
        new Props().add("run-id", runId).add("job-id", first.jobId()).add("plan-id", first.planId())
                .add("component-id", first.componentId()).into(node);
        Assets.add(sources, node);
        reviewedControls(results, node);
        ArrayNode observations = node.putArray("observations");
        ArrayNode findings = Json.MAPPER.createArrayNode();
        ArrayNode risks = Json.MAPPER.createArrayNode();
        for (Source source : sources) {
            Observations.add(source, observations);
            Findings.add(source, findings);
            Findings.addRisks(source, risks);
        }
        if (!risks.isEmpty()) {
            node.set("risks", risks);
        }
        if (!findings.isEmpty()) {
            node.set("findings", findings);
        }
        return node;
    }

    /** The jobs' controls, or all controls when no job names one. */
    private static void reviewedControls(List<AssessmentResult> results, ObjectNode node) {
        List<String> controls = results.stream().map(AssessmentResult::controlId).filter(id -> !id.isBlank())
                .map(Text::token).distinct().sorted().toList();
        ObjectNode selection = node.putObject("reviewed-controls").putArray("control-selections").addObject();
        if (controls.isEmpty()) {
            selection.put("description", "The jobs name no control: the plugins' findings name what they assess.");
            selection.putObject("include-all");
        } else {
            ArrayNode include = selection.putArray("include-controls");
            controls.forEach(id -> include.addObject().put("control-id", id));
        }
    }

    private static String description(UUID runId, List<Source> sources) {
        AssessmentResult first = sources.get(0).result();
        Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);
        sources.forEach(s -> counts.merge(s.result().status(), 1L, Long::sum));
        String verdicts = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder("Run ").append(runId).append(" of job ").append(first.jobId());
        if (!first.planId().isBlank()) {
            text.append(" (assessment plan ").append(first.planId()).append(')');
        }
        text.append(": ").append(verdicts).append('.');
        for (Source source : sources) {
            AssessmentResult r = source.result();
            text.append("\n\n- ").append(r.title().strip()).append(": ").append(r.status());
            if (!r.reason().isBlank()) {
                text.append(" — ").append(r.reason().strip());
            }
        }
        return text.toString();
    }
}
