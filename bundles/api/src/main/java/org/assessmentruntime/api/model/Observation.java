package org.assessmentruntime.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something a plugin saw (OSCAL {@code observation}): the evidence on which findings and risks rest.
 *
 * @param uuid        its id; findings and risks point to it
 * @param title       what was observed, in a line
 * @param description what was observed, in full
 * @param methods     how it was observed; empty means not stated (exported as {@code UNKNOWN})
 * @param subjects    uuids of the result's {@link Subject}s it is about
 * @param evidence    evidence it rests on
 * @param props       the observed facts (OSCAL props), e.g. {@code PermitRootLogin=no}
 * @param collected   when it was observed; {@code null} if the plugin did not say, and then the end of
 *                    the run is reported
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Observation(UUID uuid, String title, String description, List<Method> methods, List<UUID> subjects,
        List<EvidenceRef> evidence, Map<String, String> props, Instant collected) {

    /** OSCAL's observation methods; the JSON values are OSCAL's tokens. */
    public enum Method {
        /** Reviewed documents, configuration or records. */
        EXAMINE,
        /** Asked people. */
        INTERVIEW,
        /** Exercised the system and compared actual with expected behaviour. */
        TEST,
        /** Not known. */
        UNKNOWN
    }

    /** Validates and copies. */
    public Observation {
        Check.required(uuid, "Observation.uuid");
        Check.text(title, "Observation.title");
        Check.text(description, "Observation.description");
        methods = Check.list(methods, "Observation.methods");
        subjects = Check.list(subjects, "Observation.subjects");
        evidence = Check.list(evidence, "Observation.evidence");
        props = Check.strings(props, "Observation.props");
    }
}
