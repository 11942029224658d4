package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.StoredResult;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a result's delivery is going: the only part of a stored result that changes. Kept in a map of
 * its own, small, so that marking a batch delivered rewrites a few pages of these and never a result.
 *
 * @param state         its delivery state
 * @param attempts      delivery attempts so far
 * @param lastError     why the last attempt failed; empty when none did
 * @param lastAttemptAt when delivery was last attempted
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Delivery(DeliveryState state, int attempts, String lastError, Instant lastAttemptAt) {

    /** A new result's. */
    static final Delivery PENDING = new Delivery(DeliveryState.PENDING, 0, "", null);

    Delivery {
        lastError = lastError == null ? "" : lastError;
    }

    /** After a delivery attempt that ended in {@code next}; a success clears the error. */
    Delivery attempted(DeliveryState next, String error, Instant at) {
        return new Delivery(next, attempts + 1, next == DeliveryState.DELIVERED ? "" : error, at);
    }

    /**
     * Pending again with a fresh count of attempts (the count then tells how the retry went), keeping the
     * error that parked it for operators. Delivery never parks for the number of attempts alone.
     */
    Delivery requeued() {
        return new Delivery(DeliveryState.PENDING, 0, lastError, lastAttemptAt);
    }

    StoredResult of(AssessmentResult result, Entry entry) {
        return new StoredResult(result, state, attempts, lastError, entry.storedAt(), lastAttemptAt);
    }
}
