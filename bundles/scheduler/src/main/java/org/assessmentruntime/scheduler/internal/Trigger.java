package org.assessmentruntime.scheduler.internal;

import java.time.Instant;
import java.util.Optional;

/** When a timed schedule fires next, before jitter. */
interface Trigger {

    /**
     * The first fire time strictly after an instant.
     *
     * @param after the instant
     * @return the fire time, or empty if the trigger never fires again
     */
    Optional<Instant> next(Instant after);
}
