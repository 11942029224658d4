package org.assessmentruntime.api.model;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A risk an assessment identified (OSCAL {@code risk}), traced to the observations that show it.
 *
 * @param uuid                its id; findings point to it
 * @param title               the risk, in a line
 * @param description         the risk, in full
 * @param statement           its impact and likelihood, as OSCAL requires
 * @param status              where its handling stands; {@link Status#OPEN} when absent
 * @param relatedObservations uuids of the result's observations that show it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Risk(UUID uuid, String title, String description, String statement, Status status,
        List<UUID> relatedObservations) {

    /** OSCAL's risk statuses; the JSON values are OSCAL's tokens. */
    public enum Status {
        /** Identified, not yet addressed. */
        @JsonProperty("open")
        OPEN,
        /** Being investigated. */
        @JsonProperty("investigating")
        INVESTIGATING,
        /** Being remediated. */
        @JsonProperty("remediating")
        REMEDIATING,
        /** A deviation has been requested. */
        @JsonProperty("deviation-requested")
        DEVIATION_REQUESTED,
        /** A deviation has been approved. */
        @JsonProperty("deviation-approved")
        DEVIATION_APPROVED,
        /** Resolved. */
        @JsonProperty("closed")
        CLOSED
    }

    /** Validates and copies. */
    public Risk {
        Check.required(uuid, "Risk.uuid");
        Check.text(title, "Risk.title");
        Check.text(description, "Risk.description");
        Check.text(statement, "Risk.statement");
        status = status == null ? Status.OPEN : status;
        relatedObservations = Check.list(relatedObservations, "Risk.relatedObservations");
    }
}
