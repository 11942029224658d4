package org.assessmentruntime.api.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A result as the results collector keeps it: the result and how its delivery is going.
 *
 * @param result        the result
 * @param state         its delivery state
 * @param attempts      delivery attempts so far
 * @param lastError     why the last attempt failed; empty when none failed or it was then delivered
 * @param storedAt      when it was stored
 * @param lastAttemptAt when delivery was last attempted; {@code null} before the first attempt
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StoredResult(AssessmentResult result, DeliveryState state, int attempts, String lastError,
        Instant storedAt, Instant lastAttemptAt) {

    /** Validates. */
    public StoredResult {
        Check.required(result, "StoredResult.result");
        Check.required(state, "StoredResult.state");
        if (attempts < 0) {
            throw new IllegalArgumentException("StoredResult.attempts must not be negative, got " + attempts);
        }
        lastError = Check.optional(lastError);
        Check.required(storedAt, "StoredResult.storedAt");
    }
}
