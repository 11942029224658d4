package org.assessmentruntime.api.model;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A conclusion about a control (OSCAL {@code finding}), traced to the observations that support it and
 * the risks it raises.
 *
 * @param uuid                its id
 * @param title               the conclusion, in a line
 * @param description         the conclusion, in full
 * @param targetId            the control (or control objective) concluded on, e.g. {@code ac-2}; empty
 *                            means the job's control
 * @param state               whether the target is satisfied
 * @param relatedObservations uuids of the result's observations that support it
 * @param relatedRisks        uuids of the result's risks it raises
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Finding(UUID uuid, String title, String description, String targetId, State state,
        List<UUID> relatedObservations, List<UUID> relatedRisks) {

    /** OSCAL's objective-status states; the JSON values are OSCAL's tokens. */
    public enum State {
        /** The control is met. */
        @JsonProperty("satisfied")
        SATISFIED,
        /** The control is not met. */
        @JsonProperty("not-satisfied")
        NOT_SATISFIED
    }

    /** Validates and copies. */
    public Finding {
        Check.required(uuid, "Finding.uuid");
        Check.text(title, "Finding.title");
        Check.text(description, "Finding.description");
        targetId = Check.optional(targetId);
        Check.required(state, "Finding.state");
        relatedObservations = Check.list(relatedObservations, "Finding.relatedObservations");
        relatedRisks = Check.list(relatedRisks, "Finding.relatedRisks");
    }
}
