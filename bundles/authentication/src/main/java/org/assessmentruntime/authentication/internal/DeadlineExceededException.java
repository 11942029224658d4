package org.assessmentruntime.authentication.internal;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A control-plane exchange did not complete (connected, sent, whole reply read) within its deadline, so
 * its connection was closed. An {@link InterruptedIOException}: HttpClient never retries those.
 */
final class DeadlineExceededException extends InterruptedIOException {

    private static final long serialVersionUID = 1L;

    DeadlineExceededException(String exchange, Duration deadline) {
        super("the control plane did not complete " + exchange + " within " + deadline.toSeconds()
                + " s (requestTimeoutSeconds); the exchange was aborted");
    }
}
