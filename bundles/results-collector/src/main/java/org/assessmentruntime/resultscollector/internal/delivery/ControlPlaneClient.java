package org.assessmentruntime.resultscollector.internal.delivery;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Posts JSON to the control plane. */
@FunctionalInterface
interface ControlPlaneClient {

    /**
     * Posts a body, without waiting for the answer: delivery reads its next batch from the store while
     * the control plane reads this one.
     *
     * @param path           the path, e.g. {@code /api/evidence}
     * @param body           JSON
     * @param idempotencyKey the {@code Idempotency-Key} header; null for none
     * @return the answer, whatever its status; completed exceptionally with an {@link IOException} when no
     *         answer came: connection refused or dropped, timeout
     */
    CompletableFuture<Reply> post(String path, byte[] body, String idempotencyKey);
}
