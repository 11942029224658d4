package org.assessmentruntime.resultscollector.internal;

import java.util.Collection;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;

/**
 * A failed delivery attempt of a whole batch recorded in one commit (and one disk sync) instead of one
 * per result, as {@code ResultsCollector.markDelivered(Collection)} does for successes. The API's
 * {@code ResultsCollector} has no such method, so delivery (same bundle) uses it when the collector it
 * was given offers it: during an outage every retry of a batch of 1000 would otherwise cost 1000 syncs
 * under the store's write lock, holding up the results being stored meanwhile.
 */
public interface FailureBatches {

    /**
     * Records a failed attempt for each result, as {@code markFailed(UUID, String)} does, in one commit.
     * Results unknown or delivered meanwhile are skipped.
     *
     * @param resultIds the results of the batch
     * @param error     why the attempt failed
     * @throws AssessmentException if the store cannot record it
     */
    void markFailed(Collection<UUID> resultIds, String error) throws AssessmentException;
}
