package org.assessmentruntime.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps every result durably and tracks its delivery to the control plane, so that no result is lost
 * to a restart or an outage: results are stored first and delivered from the store.
 *
 * <p>Thread-safe. The delivery route is the one caller of the {@code mark…} methods.
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

    /**
     * The results to deliver next: pending ones, oldest first.
     *
     * @param limit at most this many
     * @return the results
     */
    List<StoredResult> pending(int limit);

    /**
     * Records that the control plane accepted a result. Idempotent.
     *
     * @param resultId the result's id
     * @throws NotFoundException   if no such result is stored
     * @throws AssessmentException if the change could not be stored
     */
    void markDelivered(UUID resultId) throws AssessmentException;

    /**
     * Records that the control plane accepted these results, in one durable commit: delivery in batches
     * pays one disk sync per batch rather than one per result. Idempotent; ids no longer stored (removed
     * by retention) are skipped.
     *
     * @param resultIds the results' ids
     * @throws AssessmentException if the change could not be stored
     */
    void markDelivered(Collection<UUID> resultIds) throws AssessmentException;

    /**
     * Records a failed delivery attempt that may succeed later; the result stays pending.
     *
     * @param resultId the result's id
     * @param error    why it failed, for operators
     * @throws NotFoundException   if no such result is stored
     * @throws AssessmentException if the change could not be stored
     */
    void markFailed(UUID resultId, String error) throws AssessmentException;

    /**
     * Records a failed delivery attempt of a whole batch, as {@link #markFailed(UUID, String)} does for each
     * result, in one durable commit: during an outage every retry of a batch would otherwise cost one disk
     * sync per result. Results no longer stored, or delivered meanwhile, are skipped.
     *
     * @param resultIds the results' ids
     * @param error     why the attempt failed, for operators
     * @throws AssessmentException if the change could not be stored
     */
    void markFailed(Collection<UUID> resultIds, String error) throws AssessmentException;

    /**
     * Records a failed delivery attempt that retrying will not fix, and parks the result.
     *
     * @param resultId the result's id
     * @param error    why it failed, for operators
     * @throws NotFoundException   if no such result is stored
     * @throws AssessmentException if the change could not be stored
     */
    void markParked(UUID resultId, String error) throws AssessmentException;

    /**
     * Makes a parked result pending again, e.g. after an operator fixed what made the control plane
     * reject it.
     *
     * @param resultId the result's id
     * @throws NotFoundException   if no such result is stored
     * @throws AssessmentException if it is not parked, or the change could not be stored
     */
    void requeue(UUID resultId) throws AssessmentException;

    /**
     * The parked results, newest first, for operators to inspect and requeue.
     *
     * @param limit at most this many
     * @return the results
     */
    List<StoredResult> parked(int limit);

    /** How far delivery is behind. Answers from memory, without I/O. */
    DeliveryBacklog backlog();
}
