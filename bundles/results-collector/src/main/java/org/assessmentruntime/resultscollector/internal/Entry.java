package org.assessmentruntime.resultscollector.internal;

import java.time.Instant;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.ResultStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the store keeps about a result besides the result itself and its {@link Delivery}: the fields
 * its indexes are built from. Written once, with the result, and never changed, so that delivery
 * updates rewrite neither this nor the result.
 *
 * @param resultId   the result
 * @param runId      its run
 * @param jobId      its job
 * @param pluginName the plugin that ran (or was requested)
 * @param status     its verdict
 * @param end        when its run ended
 * @param storedAt   when it was stored; unique within a store and growing with the sequence number
 *                   (see {@link MvResultStore})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Entry(UUID resultId, UUID runId, String jobId, String pluginName, ResultStatus status, Instant end,
        Instant storedAt) {

    static Entry of(AssessmentResult result, Instant storedAt) {
        return new Entry(result.resultId(), result.runId(), result.jobId(), result.provenance().requested().name(),
                result.status(), result.provenance().end(), storedAt);
    }
}
