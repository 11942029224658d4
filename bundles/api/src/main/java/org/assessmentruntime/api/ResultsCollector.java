package org.assessmentruntime.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps every result durably, so that no result is lost to a restart or an outage: results are stored
 * first and delivered to the control plane from the store. How far delivery is behind is reported
 * ({@link #backlog()}); the delivery itself is the collector's own business, not part of this API
 * (1.0: the {@code pending}/{@code mark…} methods are gone from here). Operators inspect and requeue
 * parked results through {@link ParkedResults}.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface ResultsCollector {

    /**
     * Stores a result as {@link org.assessmentruntime.api.model.DeliveryState#PENDING}, durably (on disk,
     * synced) when this returns. Storing a result id again returns the stored entry unchanged.
     *
     * @param result the result
     * @return what is stored
     * @throws AssessmentException if it could not be stored
     */
    StoredResult store(AssessmentResult result) throws AssessmentException;

    /**
     * Looks up a stored result.
     *
     * @param resultId the result's id
     * @return it, or empty
     */
    Optional<StoredResult> find(UUID resultId);

    /**
     * Lists stored results, newest first.
     *
     * @param query which ones
     * @return at most {@link ResultQuery#limit()} results
     */
    List<StoredResult> query(ResultQuery query);

    /** How far delivery is behind. Answers from memory, without I/O. */
    DeliveryBacklog backlog();
}
