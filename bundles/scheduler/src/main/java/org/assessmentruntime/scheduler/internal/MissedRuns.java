package org.assessmentruntime.scheduler.internal;

import java.time.Instant;
import java.util.Optional;

/** Whether a timed task missed a fire time while the runtime was down. */
final class MissedRuns {

    private MissedRuns() {
    }

    /**
     * @param trigger the task's trigger
     * @param last    its last fire time on record (or when it was first scheduled); empty when it never
     *                fired here, which counts as missed: there is no result of it at all
     * @param now     now
     * @return whether a fire time fell between the last one and now
     */
    static boolean missed(Trigger trigger, Optional<Instant> last, Instant now) {
        return last.map(l -> trigger.next(l).map(next -> !next.isAfter(now)).orElse(false)).orElse(true);
    }
}
