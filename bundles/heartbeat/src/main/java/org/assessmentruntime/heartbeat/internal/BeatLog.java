package org.assessmentruntime.heartbeat.internal;

import java.util.Optional;

import org.assessmentruntime.api.HeartbeatResult;
import org.osgi.service.component.annotations.Component;

/**
 * What the heartbeats so far came to: the last one and the run of failures since the last delivered
 * one. Its own (immediate) component so that the record survives the heartbeat's components being
 * re-created when the control-plane connection changes; health reads it without any I/O.
 *
 * <p>Thread-safe.
 */
@Component(service = BeatLog.class, immediate = true)
public class BeatLog {

    private HeartbeatResult last;
    private int consecutiveFailures;

    /** Records a heartbeat's outcome; returns the failures in a row before it, for logging transitions. */
    synchronized int record(HeartbeatResult result) {
        int before = consecutiveFailures;
        last = result;
        consecutiveFailures = result.delivered() ? 0 : consecutiveFailures + 1;
        return before;
    }

    /** The state at one instant, so that health reports a consistent pair. */
    synchronized Snapshot snapshot() {
        return new Snapshot(Optional.ofNullable(last), consecutiveFailures);
    }

    /**
     * The log at one instant.
     *
     * @param last                the last heartbeat, empty before the first
     * @param consecutiveFailures heartbeats not delivered since the last delivered one
     */
    record Snapshot(Optional<HeartbeatResult> last, int consecutiveFailures) {
    }
}
