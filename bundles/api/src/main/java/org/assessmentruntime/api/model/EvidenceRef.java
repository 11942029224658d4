package org.assessmentruntime.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Evidence an observation rests on (OSCAL {@code relevant-evidence}): a description of what was seen,
 * and where it can be found again.
 *
 * @param href        where the evidence is (file path, URL, artifact digest); may be empty
 * @param description what it shows
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EvidenceRef(String href, String description) {

    /** Validates. */
    public EvidenceRef {
        href = Check.optional(href);
        Check.text(description, "EvidenceRef.description");
    }
}
