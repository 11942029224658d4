package org.assessmentruntime.resultscollector.internal;

import java.util.List;
import java.util.function.Function;

import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.AssessmentResult;

/**
 * The collector as its delivery sees it: the {@link ResultsCollector} to record outcomes with, and the
 * pending results as the bodies they are sent as. Registered (inside this bundle only) by the collector.
 *
 * <p>Why bodies and not results: delivery is bound by what each result costs between the store and the
 * wire. Reading a stored result back into the API's records and mapping it costs several times what
 * sending it does, so the body is rendered once, when the result is stored (see
 * {@link DeliveryMonitor#render}), and kept in the same commit as the result: a transactional outbox.
 */
public interface Outbox extends ResultsCollector {

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
