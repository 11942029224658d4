package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the store keeps about a result besides the result itself: the fields its indexes are built from
 * and its delivery. Small, so that queries filter and delivery updates rewrite this, not the result.
 *
 * @param resultId      the result
 * @param runId         its run
 * @param jobId         its job
 * @param pluginName    the plugin that ran (or was requested)
 * @param status        its verdict
 * @param end           when its run ended
 * @param state         its delivery state
 * @param attempts      delivery attempts so far
 * @param lastError     why the last attempt failed; empty when none did
 * @param storedAt      when it was stored; unique within a store (see {@link MvResultStore})
 * @param lastAttemptAt when delivery was last attempted
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Entry(UUID resultId, UUID runId, String jobId, String pluginName, ResultStatus status, Instant end,
        DeliveryState state, int attempts, String lastError, Instant storedAt, Instant lastAttemptAt) {

    Entry {
        lastError = lastError == null ? "" : lastError;
    }

    /** A new, pending entry. */
    static Entry of(AssessmentResult result, Instant storedAt) {
        return new Entry(result.resultId(), result.runId(), result.jobId(), result.provenance().requested().name(),
                result.status(), result.provenance().end(), DeliveryState.PENDING, 0, "", storedAt, null);
    }

    /** After a delivery attempt that ended in {@code next}; a success clears the error. */
    Entry attempted(DeliveryState next, String error, Instant at) {
        return new Entry(resultId, runId, jobId, pluginName, status, end, next, attempts + 1,
                next == DeliveryState.DELIVERED ? "" : error, storedAt, at);
    }

    /**
     * Pending again with a fresh count of attempts (the count then tells how the retry went), keeping the
     * error that parked it for operators. Delivery never parks for the number of attempts alone.
     */
    Entry requeued() {
        return new Entry(resultId, runId, jobId, pluginName, status, end, DeliveryState.PENDING, 0, lastError, storedAt,
                lastAttemptAt);
    }

    StoredResult with(AssessmentResult result) {
        return new StoredResult(result, state, attempts, lastError, storedAt, lastAttemptAt);
    }
}
