package org.assessmentruntime.resultscollector.internal.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Observation;
import org.assessmentruntime.api.model.Provenance;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.resultscollector.internal.Json;
import org.assessmentruntime.resultscollector.internal.oscal.Ids;
import org.assessmentruntime.resultscollector.internal.oscal.Text;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns a result into the control plane's {@link Evidence}. */
final class EvidenceMapper {

    /** Title of the runtime as the evidence's origin. */
    static final String TOOL_TITLE = "Assessment Runtime";

    private EvidenceMapper() {
    }

    /**
     * The result as evidence, in JSON: the body of its own request, and an item of a batch.
     *
     * @param now see {@link #map}
     */
    static byte[] render(AssessmentResult result, Instant now) {
        try {
            return Json.MAPPER.writeValueAsBytes(map(result, now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evidence as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The result as evidence.
     *
     * @param result the result
     * @param now    the delivery time: the control plane rejects times after its own clock, so no time in
     *               the evidence is later than this
     */
    static Evidence map(AssessmentResult result, Instant now) {
        Provenance p = result.provenance();
        Instant end = p.end().isAfter(now) ? now : p.end();
        Instant start = p.start().isAfter(end) ? end : p.start();
        UUID stream = result.streamId();
        return new Evidence(stream, Text.line(result.title()), description(result), Text.line(result.reason()),
                labels(result), start, end, props(result), List.of(new Evidence.Origin(List.of(new Evidence.Actor(
                        Ids.of("runtime", p.runtimeId()), "tool", TOOL_TITLE)))),
                List.of(activity(result, stream)), subjects(result), status(result));
    }

    /** {@code _agent}, {@code _plugin}, {@code _job}, {@code _result} and the plan, component and control. */
    static Map<String, String> labels(AssessmentResult result) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("_agent", result.provenance().runtimeId());
        labels.put("_plugin", result.provenance().requested().name());
        labels.put("_job", result.jobId());
        labels.put("_result", result.resultId().toString());
        putIfSet(labels, "_plan", result.planId());
        putIfSet(labels, "_component", result.componentId());
        putIfSet(labels, "_control", result.controlId());
        return labels;
    }

    static Evidence.Status status(AssessmentResult result) {
        String remarks = Text.line(result.reason());
        return switch (result.status()) {
            case PASS -> new Evidence.Status("satisfied", "pass", remarks);
            case FAIL -> new Evidence.Status("not-satisfied", "fail", remarks);
            case ERROR -> new Evidence.Status("not-satisfied", "error:"
                    + result.errorKind().name().toLowerCase(Locale.ROOT).replace('_', '-'), remarks);
            // The control plane knows two states. A control that does not apply is not a gap: counted as
            // one, every host without (say) an SSH server would fail cm-6. The reason keeps it apart.
            case NOT_APPLICABLE -> new Evidence.Status("satisfied", "not-applicable", remarks);
        };
    }

    private static List<Evidence.Prop> props(AssessmentResult result) {
        Provenance p = result.provenance();
        List<Evidence.Prop> props = new ArrayList<>();
        add(props, "result-id", result.resultId());
        add(props, "run-id", result.runId());
        add(props, "status", result.status());
        add(props, "error-kind", result.errorKind());
        add(props, "plugin-name", p.requested().name());
        add(props, "plugin-version", p.plugin() == null ? p.requested().version() : p.plugin().version());
        add(props, "plugin-digest", p.digest());
        add(props, "engine", p.engine());
        return props;
    }

    private static Evidence.Activity activity(AssessmentResult result, UUID stream) {
        List<Evidence.Step> steps = new ArrayList<>();
        for (Observation observation : result.observations()) {
            steps.add(new Evidence.Step(Ids.of("evidence-step", stream, observation.uuid()),
                    Text.line(observation.title()), observation.description()));
        }
        return new Evidence.Activity(Ids.of("evidence-activity", stream), "Activity " + result.activityId()
                + " of task " + result.taskId() + " in job " + result.jobId(), "Runs plugin "
                + result.provenance().requested().name() + " on runtime " + result.provenance().runtimeId() + ".",
                steps);
    }

    private static List<Evidence.SubjectRef> subjects(AssessmentResult result) {
        return result.subjects().stream().map(s -> new Evidence.SubjectRef(s.identifier(), s.type())).toList();
    }

    private static String description(AssessmentResult result) {
        Provenance p = result.provenance();
        StringBuilder text = new StringBuilder("Plugin ").append(p.plugin() == null ? p.requested() : p.plugin());
        text.append(p.engine().isEmpty() ? " did not run" : " ran on engine " + p.engine()).append(" of runtime ")
                .append(p.runtimeId()).append(" for job ").append(result.jobId()).append(", task ")
                .append(result.taskId()).append(", activity ").append(result.activityId()).append(". Verdict: ")
                .append(result.status());
        if (result.status() == ResultStatus.ERROR) {
            text.append(" (").append(result.errorKind()).append(')');
        }
        return text.append('.').toString();
    }

    private static void putIfSet(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }

    private static void add(List<Evidence.Prop> props, String name, Object value) {
        String text = value == null ? null : Text.line(value.toString());
        if (text != null) {
            props.add(new Evidence.Prop(name, text));
        }
    }
}
