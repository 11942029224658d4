package org.assessmentruntime.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells the control plane that this runtime instance is alive, once a minute by default. Beats on its
 * own; {@link #beat()} is for operators checking connectivity.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface Heartbeat {

    /**
     * Sends a heartbeat now. Blocks for the round trip (bounded by the heartbeat's timeout).
     *
     * @return how it went; failures are results too, never exceptions
     */
    HeartbeatResult beat();

    /** The last heartbeat sent, scheduled or not, or empty before the first. */
    Optional<HeartbeatResult> lastBeat();
}
