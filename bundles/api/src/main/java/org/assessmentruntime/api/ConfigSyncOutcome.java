package org.assessmentruntime.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one configuration sync with the control plane came to; also what is reported back to it.
 *
 * @param status   the outcome
 * @param revision the control plane's revision this sync saw; 0 when it saw none
 * @param etag     the {@code ETag} of that revision, verbatim (opaque; sent back as {@code If-None-Match});
 *                 empty when none
 * @param reason   why the outcome, for operators; empty for {@link Status#APPLIED} and
 *                 {@link Status#UNCHANGED}
 * @param warnings what was applied with reservations, or ignored
 * @param at       when the sync finished
 */
public record ConfigSyncOutcome(Status status, long revision, String etag, String reason, List<String> warnings,
        Instant at) {

    /** Outcomes of a sync. */
    public enum Status {
        /** A new revision was applied. */
        APPLIED,
        /** The revision was refused: invalid, or it touches settings the control plane may not change. */
        REJECTED,
        /** Applying or fetching failed; the previous configuration stays. */
        FAILED,
        /**
         * There is nothing to apply: remote configuration is off or report-only here, or the control
         * plane does not offer it (HTTP 404).
         */
        NOT_APPLICABLE,
        /** The control plane's revision is the one already applied (HTTP 304). */
        UNCHANGED
    }

    /** Validates and copies. */
    public ConfigSyncOutcome {
        Objects.requireNonNull(status, "ConfigSyncOutcome.status");
        if (revision < 0) {
            throw new IllegalArgumentException("ConfigSyncOutcome.revision must not be negative, got " + revision);
        }
        etag = etag == null ? "" : etag;
        reason = reason == null ? "" : reason;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        Objects.requireNonNull(at, "ConfigSyncOutcome.at");
    }
}
