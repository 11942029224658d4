package org.assessmentruntime.resultscollector.internal;

import java.util.List;

import org.assessmentruntime.api.AssessmentException;

/**
 * The store as an additional sink (Kafka) sees it: every stored result, in storage order, from after the
 * last one the sink acknowledged. Registered (inside this bundle only) by the collector.
 *
 * <p>A sink's position is its own, kept in the store ({@link SinkCursors}) and independent of the
 * control-plane outbox: a result delivered to the control plane is not thereby published to the sink,
 * nor the other way round. While a sink holds ({@link #holdForSink}), results it has not acknowledged are
 * never dropped by retention or the size cap, however long the sink is down.
 */
public interface SinkOutbox {

    /** Results stored after the sink's position, oldest first, at most {@code limit}. */
    List<SinkRecord> sinkBatch(String sink, int limit);

    /**
     * Moves the sink's position to {@code seq} (never back), durably: results up to it are not
     * offered again, even after a restart.
     *
     * @throws AssessmentException if the store could not record it (the batch is then offered again)
     */
    void sinkAcked(String sink, long seq) throws AssessmentException;

    /** How many stored results the sink has not acknowledged. */
    long sinkBacklog(String sink);

    /**
     * Whether the sink's unacknowledged results are kept from retention and the size cap: true while the
     * sink is enabled, false once an operator turned it off (its position is kept for when it returns).
     */
    void holdForSink(String sink, boolean hold) throws AssessmentException;
}
