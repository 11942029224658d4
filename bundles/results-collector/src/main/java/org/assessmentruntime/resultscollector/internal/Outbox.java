package org.assessmentruntime.resultscollector.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.StoredResult;

/**
 * The collector as its delivery sees it: the {@link ResultsCollector} plus the delivery's own side, the
 * pending results (as the bodies they are sent as) and the recording of each delivery's outcome. Kept in
 * this bundle: the collector's exported API carries no delivery internals. Registered (inside this bundle
 * only) by the collector.
 *
 * <p>Why bodies and not results: delivery is bound by what each result costs between the store and the
 * wire. Reading a stored result back into the API's records and mapping it costs several times what
 * sending it does, so the body is rendered once, when the result is stored (see
 * {@link DeliveryMonitor#render}), and kept in the same commit as the result: a transactional outbox.
 */
public interface Outbox extends ResultsCollector {

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
     * Pending results, oldest stored first, as their bodies.
     *
     * @param after  only those stored after this one ({@link Outgoing#seq()}), so that the next batch can be
     *               read while the previous one, still pending, is on its way; {@link #FIRST} for all
     * @param limit  at most this many
     * @param render makes the body of a result stored without one (stored while no control plane was
     *               configured, or by a runtime before this one); may throw, which becomes the
     *               {@link Outgoing#error()}
     */
    default List<Outgoing> outgoing(long after, int limit, Function<AssessmentResult, byte[]> render) {
        return outgoing(after, limit, Long.MAX_VALUE, render);
    }

    /**
     * Pending results, oldest stored first, as their bodies, bounded by their bytes too: a batch is one
     * request, and a plugin's large results must not make it one the control plane refuses, nor hold a
     * thousand of them in memory at once.
     *
     * @param after    as in {@link #outgoing(long, int, Function)}
     * @param limit    at most this many
     * @param maxBytes at most this many bytes of bodies, except that the first result is always returned,
     *                 however large: it then goes alone
     * @param render   as in {@link #outgoing(long, int, Function)}
     */
    List<Outgoing> outgoing(long after, int limit, long maxBytes, Function<AssessmentResult, byte[]> render);

    /** {@code after} for {@link #outgoing}: from the oldest pending result on. */
    long FIRST = -1;
}
