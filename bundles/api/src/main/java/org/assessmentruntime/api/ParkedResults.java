package org.assessmentruntime.api;

import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.model.StoredResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The results the control plane refused for good (parked), for operators to inspect and send again once
 * they fixed what made the control plane reject them: the one part of delivery that operators act on
 * (the {@code assessment:outbox} command). Provided by the results collector, apart from
 * {@link ResultsCollector}, so that the collector's API carries no delivery internals.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface ParkedResults {

    /**
     * The parked results, newest first.
     *
     * @param limit at most this many
     * @return the results
     */
    List<StoredResult> parked(int limit);

    /**
     * Makes a parked result pending again, so that delivery sends it once more.
     *
     * @param resultId the result's id
     * @throws NotFoundException   if no such result is stored
     * @throws AssessmentException if it is not parked, or the change could not be stored
     */
    void requeue(UUID resultId) throws AssessmentException;
}
