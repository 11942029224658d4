package org.assessmentruntime.resultscollector.internal.oscal;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Risk;
import org.assessmentruntime.resultscollector.internal.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps a result's findings and risks onto OSCAL's. Each finding points to the observations it rests on
 * and to the observation of the run (and so to the plugin); each risk to the observations that show it.
 */
final class Findings {

    private Findings() {
    }

    /**
     * Adds the result's findings to {@code into}. A PASS or FAIL result whose plugin reported no findings
     * gets one finding for its verdict, on the job's control, so that every verdict shows as a finding.
     * An ERROR result gets none: nothing was concluded.
     */
    static void add(Source source, ArrayNode into) {
        AssessmentResult result = source.result();
        for (Finding finding : result.findings()) {
            ObjectNode node = finding(source, source.finding(finding.uuid()), finding.title(), finding.description(),
                    finding.targetId(), state(finding.state()), finding.uuid(), into);
            related(node, "related-observations", "observation-uuid", finding.relatedObservations(),
                    source::observation, source.runObservation());
            related(node, "related-risks", "risk-uuid", finding.relatedRisks(), source::risk, null);
        }
        if (result.findings().isEmpty() && result.status() != ResultStatus.ERROR) {
            String description = result.reason().isBlank() ? "The plugin reported " + result.status()
                    + " without findings." : result.reason();
            ObjectNode node = finding(source, Ids.of("verdict", result.resultId()), result.title(), description, "",
                    result.status() == ResultStatus.FAIL ? "not-satisfied" : "satisfied", null, into);
            if (result.status() == ResultStatus.NOT_APPLICABLE) {
                // OSCAL's objective status has no "not applicable" state: satisfied, with reason "other"
                // and a remark that says so, rather than a gap the target does not have.
                ((ObjectNode) node.path("target").path("status")).put("reason", "other")
                        .put("remarks", "Not applicable: " + result.reason());
            }
            related(node, "related-observations", "observation-uuid",
                    result.observations().stream().map(Observation::uuid).toList(), source::observation,
                    source.runObservation());
        }
    }

    /** Adds the result's risks to {@code into}. */
    static void addRisks(Source source, ArrayNode into) {
        for (Risk risk : source.result().risks()) {
            ObjectNode node = into.addObject().put("uuid", source.risk(risk.uuid()).toString())
                    .put("title", Text.line(risk.title())).put("description", risk.description())
                    .put("statement", risk.statement());
            source.props(risk.uuid()).into(node);
            node.put("status", Json.MAPPER.convertValue(risk.status(), String.class));
            node.set("origins", source.origins());
            related(node, "related-observations", "observation-uuid", risk.relatedObservations(), source::observation,
                    null);
        }
    }

    private static ObjectNode finding(Source source, UUID uuid, String title, String description, String targetId,
            String state, UUID sourceUuid, ArrayNode into) {
        AssessmentResult result = source.result();
        ObjectNode node = into.addObject().put("uuid", uuid.toString()).put("title", Text.line(title))
                .put("description", description);
        source.props(sourceUuid).into(node);
        node.set("origins", source.origins());
        // The finding's own target, else the job's control, else the activity (a job may name no control).
        String target = !targetId.isBlank() ? targetId
                : !result.controlId().isBlank() ? result.controlId() : result.activityId();
        ObjectNode targetNode = node.putObject("target").put("type", "objective-id").put("target-id",
                Text.token(target));
        targetNode.putObject("status").put("state", state);
        return node;
    }

    private static String state(Finding.State state) {
        return Json.MAPPER.convertValue(state, String.class);
    }

    /** Sets a list of references, mapped to the document's uuids, plus {@code extra}; none: left out. */
    private static void related(ObjectNode node, String field, String key, List<UUID> originals,
            Function<UUID, UUID> map, UUID extra) {
        if (originals.isEmpty() && extra == null) {
            return;
        }
        ArrayNode array = node.putArray(field);
        originals.forEach(original -> array.addObject().put(key, map.apply(original).toString()));
        if (extra != null) {
            array.addObject().put(key, extra.toString());
        }
    }
}
