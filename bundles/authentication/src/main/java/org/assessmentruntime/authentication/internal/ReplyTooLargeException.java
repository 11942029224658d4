package org.assessmentruntime.authentication.internal;

import java.io.IOException;

/** A control-plane reply is larger than its {@link ReplyLimit}; nothing beyond the limit was read. */
final class ReplyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    ReplyTooLargeException(String exchange, ReplyLimit limit) {
        super("the control plane's reply to " + exchange + " is larger than the limit of " + limit.describe()
                + "; the exchange was aborted");
    }
}
