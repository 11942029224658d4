package org.assessmentruntime.resultscollector.internal;

import java.util.Objects;
import java.util.UUID;

/**
 * A stored result as a sink publishes it: the result's JSON exactly as the store keeps it.
 *
 * @param seq      its place in the store's order; a sink acknowledges up to it ({@link SinkOutbox#sinkAcked})
 * @param resultId the result (a sink's record key)
 * @param json     the result as JSON ({@code AssessmentResult}), as stored
 */
public record SinkRecord(long seq, UUID resultId, byte[] json) {

    /** Checks that nothing is missing. */
    public SinkRecord {
        Objects.requireNonNull(resultId, "resultId");
        Objects.requireNonNull(json, "json");
    }
}
