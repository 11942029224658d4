package org.assessmentruntime.heartbeat.internal;

import java.time.Instant;
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
    private Instant sending;

    /** A heartbeat leaves now; until its outcome is recorded it is in flight (a stuck one shows in health). */
    synchronized void sending(Instant at) {
        sending = at;
    }

    /** Records a heartbeat's outcome; returns the failures in a row before it, for logging transitions. */
    synchronized int record(HeartbeatResult result) {
        sending = null;
        int before = consecutiveFailures;
        last = result;
        consecutiveFailures = result.delivered() ? 0 : consecutiveFailures + 1;
        return before;
    }

    /** The state at one instant, so that health reports a consistent pair. */
    synchronized Snapshot snapshot() {
        return new Snapshot(Optional.ofNullable(last), consecutiveFailures, Optional.ofNullable(sending));
    }

    /**
     * The log at one instant.
     *
     * @param last                the last heartbeat, empty before the first
     * @param consecutiveFailures heartbeats not delivered since the last delivered one
     * @param sending             when the heartbeat now in flight left; empty when none is
     */
    record Snapshot(Optional<HeartbeatResult> last, int consecutiveFailures, Optional<Instant> sending) {
    }
}
