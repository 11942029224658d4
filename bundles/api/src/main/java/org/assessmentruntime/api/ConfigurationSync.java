package org.assessmentruntime.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Pulls the runtime's configuration overlay from the control plane (conditional on the last
 * {@code ETag}), applies it as an RFC 7396 merge patch through ConfigAdmin within what the local
 * remote-configuration policy allows, and reports the outcome back. Polls on its own; {@link #sync()}
 * is for operators who do not want to wait.
 *
 * <p>Thread-safe; syncs never overlap (a sync requested during another waits for it).
 */
@ProviderType
public interface ConfigurationSync {

    /**
     * Syncs now. Blocks for the round trip to the control plane.
     *
     * @return the outcome; failures (unreachable control plane, invalid overlay, ConfigAdmin errors) are
     *         outcomes too, never exceptions
     */
    ConfigSyncOutcome sync();

    /** The outcome of the last sync, or empty before the first. */
    Optional<ConfigSyncOutcome> lastOutcome();

    /** The revision currently applied; 0 when none (only local configuration). */
    long appliedRevision();
}
