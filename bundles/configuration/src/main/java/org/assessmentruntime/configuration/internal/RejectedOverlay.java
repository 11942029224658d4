package org.assessmentruntime.configuration.internal;

import java.util.List;

/** An overlay that is refused as a whole; the message names every problem found (pid, key, job, value). */
final class RejectedOverlay extends Exception {

    private static final long serialVersionUID = 1L;

    RejectedOverlay(List<String> problems) {
        super(String.join("; ", problems));
    }
}
