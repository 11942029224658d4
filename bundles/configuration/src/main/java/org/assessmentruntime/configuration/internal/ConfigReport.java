package org.assessmentruntime.configuration.internal;

import java.util.List;

import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.RemoteConfigMode;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code PUT /api/agent/instances/{id}/config-report}: what became of the revision the
 * control plane offered, in its kebab-case shape.
 *
 * @param hostname          this host's name
 * @param agentVersion      the runtime's version (this bundle's)
 * @param mode              {@link RemoteConfigMode#wireName()}
 * @param appliedRevision   the revision in force here
 * @param attemptedRevision the revision this sync saw
 * @param status            {@code applied | rejected | failed | not-applicable}
 * @param reason            why, for people; empty when applied
 * @param error             what went wrong, for a failure; empty otherwise
 * @param warnings          reservations
 * @param effectiveDigest   {@code sha256:<hex>} of the canonical JSON of the overlay in force
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
record ConfigReport(String hostname, String agentVersion, String mode, long appliedRevision, long attemptedRevision,
        String status, String reason, String error, List<String> warnings, String effectiveDigest) {

    /**
     * The report of an outcome.
     *
     * @param outcome  the sync's outcome; never {@link ConfigSyncOutcome.Status#UNCHANGED}
     * @param mode     the mode
     * @param state    the state in force after the sync
     * @param hostname this host's name
     * @param version  the runtime's version
     */
    static ConfigReport of(ConfigSyncOutcome outcome, RemoteConfigMode mode, SyncState state, String hostname,
            String version) {
        String status = switch (outcome.status()) {
            case APPLIED -> "applied";
            case REJECTED -> "rejected";
            case FAILED -> "failed";
            case NOT_APPLICABLE, UNCHANGED -> "not-applicable";
        };
        boolean failed = outcome.status() == ConfigSyncOutcome.Status.FAILED;
        return new ConfigReport(hostname, version, mode.wireName(), state.revision(), outcome.revision(), status,
                failed ? "revision " + outcome.revision() + " could not be fetched or applied" : outcome.reason(),
                failed ? outcome.reason() : "", outcome.warnings(), Json.digest(state.overlay()));
    }
}
