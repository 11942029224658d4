package org.assessmentruntime.resultscollector.internal;

import java.util.Objects;
import java.util.UUID;

/**
 * A pending result as delivery sends it: its id and the request body it goes out as, or, when no body
 * could be made of it, why not (delivery parks such a result rather than dropping it).
 *
 * @param seq      its place in the store's order, to read on after it (see {@link Outbox#outgoing})
 * @param resultId the result
 * @param body     the body (JSON), rendered when the result was stored or, for a result stored while no
 *                 delivery was there, when it was read; null when it could not be rendered
 * @param error    why there is no body; empty when there is one
 */
public record Outgoing(long seq, UUID resultId, byte[] body, String error) {

    /** Checks that exactly one of body and error is given. */
    public Outgoing {
        Objects.requireNonNull(resultId, "resultId");
        error = error == null ? "" : error;
        if ((body == null) == error.isEmpty()) {
            throw new IllegalArgumentException("an outgoing result has either a body or an error");
        }
    }
}
