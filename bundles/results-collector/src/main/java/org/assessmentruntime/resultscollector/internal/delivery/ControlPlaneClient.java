package org.assessmentruntime.resultscollector.internal.delivery;

import java.io.IOException;

/** Posts JSON to the control plane. */
@FunctionalInterface
interface ControlPlaneClient {

    /**
     * Posts a body.
     *
     * @param path           the path, e.g. {@code /api/evidence}
     * @param body           JSON
     * @param idempotencyKey the {@code Idempotency-Key} header; null for none
     * @return the answer, whatever its status
     * @throws IOException when no answer came: connection refused or dropped, timeout
     */
    Reply post(String path, byte[] body, String idempotencyKey) throws IOException;
}
