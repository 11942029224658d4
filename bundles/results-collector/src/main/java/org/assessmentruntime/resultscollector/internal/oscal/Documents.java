package org.assessmentruntime.resultscollector.internal.oscal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.assessmentruntime.api.model.AssessmentResult;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Document-level parts of the OSCAL export whose uuids are derived (see {@link Ids}). */
public final class Documents {

    private Documents() {
    }

    /** The document's uuid: the same for the same set of results, another for any other. */
    public static UUID uuid(Collection<AssessmentResult> results) {
        return Ids.of("assessment-results", results.stream().map(r -> r.resultId().toString()).sorted()
                .collect(Collectors.joining(",")));
    }

    /**
     * Adds a back-matter resource that stands for the results' assessment plan(s), and returns the
     * {@code #uuid} reference to it for {@code import-ap}: the plans are the control plane's (or, for jobs
     * defined on the runtime, there is none), so the document names them rather than linking to a file.
     */
    public static String planReference(Collection<AssessmentResult> results, ObjectNode document) {
        List<String> plans = results.stream().map(AssessmentResult::planId).filter(id -> !id.isBlank()).distinct()
                .sorted().toList();
        UUID uuid = Ids.of("assessment-plan", String.join(",", plans));
        ObjectNode resource = document.putObject("back-matter").putArray("resources").addObject()
                .put("uuid", uuid.toString());
        if (plans.isEmpty()) {
            resource.put("title", "No assessment plan").put("description", "These results come from jobs defined "
                    + "on the runtime itself (standalone mode), which belong to no OSCAL assessment plan.");
        } else {
            resource.put("title", "Assessment plan " + String.join(", ", plans)).put("description", "The "
                    + "assessment plan(s) these results' jobs belong to, as the control plane identifies them; not "
                    + "included in this document.");
            new Props().add("plan-id", String.join(", ", plans)).into(resource);
        }
        return "#" + uuid;
    }
}
