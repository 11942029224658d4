package org.assessmentruntime.resultscollector.internal.oscal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.EvidenceRef;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.Subject;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Maps a result's observations, and the run itself, onto OSCAL observations. */
final class Observations {

    private Observations() {
    }

    /** Adds the result's observations, then the one recording its run, to {@code into}. */
    static void add(Source source, ArrayNode into) {
        AssessmentResult result = source.result();
        Map<UUID, Subject> subjects = result.subjects().stream()
                .collect(Collectors.toMap(Subject::uuid, Function.identity(), (a, b) -> a));
        for (Observation observation : result.observations()) {
            ObjectNode node = into.addObject().put("uuid", source.observation(observation.uuid()).toString());
            node.put("title", Text.line(observation.title())).put("description", observation.description());
            source.props(observation.uuid()).facts(observation.props()).into(node);
            ArrayNode methods = node.putArray("methods");
            if (observation.methods().isEmpty()) {
                methods.add(Observation.Method.UNKNOWN.name());
            }
            observation.methods().forEach(method -> methods.add(method.name()));
            node.set("origins", source.origins());
            subjects(observation.subjects().stream().map(subjects::get).toList(), node);
            evidence(observation, node);
            node.put("collected", (observation.collected() != null ? observation.collected()
                    : result.provenance().end()).toString());
        }
        run(source, into);
    }

    /**
     * The run as an observation of its own: which build of which plugin ran where, when, and with what
     * verdict. Every finding of the result points to it, so that the plugin is one step from any finding,
     * and an ERROR result, which has no findings, still appears in the document.
     */
    static void run(Source source, ArrayNode into) {
        AssessmentResult result = source.result();
        Provenance p = result.provenance();
        ObjectNode node = into.addObject().put("uuid", source.runObservation().toString());
        node.put("title", "Run of " + p.requested().name() + " " + source.pluginVersion() + ": " + result.status());
        node.put("description", description(source));
        source.props(null).add("run-id", result.runId()).add("job-id", result.jobId())
                .add("task-id", result.taskId()).add("activity-id", result.activityId())
                .add("status", result.status()).add("error-kind", result.errorKind()).add("reason", result.reason())
                .add("engine", p.engine()).add("runtime-id", p.runtimeId()).add("start", p.start()).into(node);
        node.putArray("methods").add(Observation.Method.TEST.name());
        node.set("origins", source.origins());
        subjects(result.subjects(), node);
        node.put("collected", p.end().toString());
    }

    private static String description(Source source) {
        AssessmentResult result = source.result();
        Provenance p = result.provenance();
        StringBuilder text = new StringBuilder("Plugin ").append(p.requested().name()).append(' ')
                .append(source.pluginVersion());
        if (p.digest() != null) {
            text.append(" (").append(p.digest()).append(')');
        }
        text.append(p.engine().isEmpty() ? " did not run" : " ran on engine " + p.engine())
                .append(" of runtime ").append(p.runtimeId()).append(" for job ").append(result.jobId())
                .append(", task ").append(result.taskId()).append(", activity ").append(result.activityId())
                .append(", from ").append(p.start()).append(" to ").append(p.end()).append(". Verdict: ")
                .append(result.status());
        if (result.status() == ResultStatus.ERROR) {
            text.append(" (").append(result.errorKind()).append(')');
        }
        if (!result.reason().isBlank()) {
            text.append(": ").append(result.reason().strip());
        }
        return text.append('.').toString();
    }

    private static void subjects(List<Subject> subjects, ObjectNode node) {
        if (subjects.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray("subjects");
        for (Subject subject : subjects) {
            ObjectNode reference = array.addObject().put("subject-uuid", Ids.subject(subject.uuid()).toString())
                    .put("type", Text.token(subject.type()))
                    .put("title", Text.line(subject.title().isBlank() ? subject.identifier() : subject.title()));
            new Props().add("identifier", subject.identifier()).add("source-uuid", subject.uuid())
                    .facts(subject.props()).into(reference);
        }
    }

    private static void evidence(Observation observation, ObjectNode node) {
        if (observation.evidence().isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray("relevant-evidence");
        for (EvidenceRef evidence : observation.evidence()) {
            ObjectNode item = array.addObject();
            if (!evidence.href().isBlank()) {
                item.put("href", Text.href(evidence.href().strip()));
            }
            item.put("description", evidence.description());
        }
    }
}
