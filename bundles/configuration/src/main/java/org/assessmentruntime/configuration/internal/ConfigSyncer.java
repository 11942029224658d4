package org.assessmentruntime.configuration.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ConfigSyncOutcome.Status;
import org.assessmentruntime.api.RemoteConfigMode;
import org.assessmentruntime.camel.controlplane.ControlPlaneErrors;
import org.assessmentruntime.configuration.internal.SyncState.Baseline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Turns the control plane's answer to {@code GET /api/agent/config} into a {@link ConfigSyncOutcome}:
 * validates the overlay, applies it in {@link RemoteConfigMode#APPLY} (ConfigAdmin, then jobs) and keeps
 * the last good revision. An invalid overlay, a failed fetch or a failed application never replaces the
 * last good revision; a failed application is rolled back to it.
 *
 * <p>No HTTP here: the Camel routes fetch and report, this decides. Synchronized; the sync route also
 * lets only one sync run at a time.
 */
final class ConfigSyncer {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSyncer.class);

    /** Longest control-plane error text kept in a reason. */
    static final int MAX_ERROR = 200;

    /**
     * What one reply came to.
     *
     * @param outcome the outcome
     * @param report  whether the control plane is told (it answered with a revision)
     */
    record Result(ConfigSyncOutcome outcome, boolean report) {
    }

    private final RemoteConfigMode mode;
    private final StateStore store;
    private final OverlayValidator validator;
    private final ConfigApplier applier;
    private final SchedulerJobs jobs;
    private final Clock clock;
    private volatile SyncState state;
    private volatile String seenEtag;
    private volatile ConfigSyncOutcome last;

    ConfigSyncer(RemoteConfigMode mode, StateStore store, OverlayValidator validator, ConfigApplier applier,
            SchedulerJobs jobs, Clock clock) {
        this.mode = mode;
        this.store = store;
        this.validator = validator;
        this.applier = applier;
        this.jobs = jobs;
        this.clock = clock;
        this.state = store.load();
        this.seenEtag = state.etag();
    }

    RemoteConfigMode mode() {
        return mode;
    }

    /** The applied state. */
    SyncState state() {
        return state;
    }

    Optional<ConfigSyncOutcome> lastOutcome() {
        return Optional.ofNullable(last);
    }

    /**
     * The {@code If-None-Match} to send: the applied revision's ETag when applying (so a revision seen but
     * not applied is offered again), the last one seen when only reporting. Empty for none.
     */
    String ifNoneMatch() {
        return mode == RemoteConfigMode.APPLY ? state.etag() : seenEtag;
    }

    /** The outcome of a sync while remote configuration is off. */
    synchronized ConfigSyncOutcome off() {
        return done(outcome(Status.NOT_APPLICABLE, 0, "", "remote configuration is off", List.of()));
    }

    /** The fetch did not get a reply (connection refused, timeout, TLS): nothing changes. */
    synchronized ConfigSyncOutcome unreachable(Throwable error) {
        String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return done(outcome(Status.FAILED, 0, "", "control plane unreachable: " + why, List.of()));
    }

    /**
     * Handles the control plane's reply.
     *
     * @param status the HTTP status
     * @param etag   the {@code ETag} header; {@code null} or empty when none
     * @param body   the body; {@code null} when none
     */
    synchronized Result onReply(int status, String etag, byte[] body) {
        String tag = etag == null ? "" : etag;
        if (status == 304) {
            long revision = mode == RemoteConfigMode.APPLY ? state.revision() : 0;
            return new Result(done(outcome(Status.UNCHANGED, revision, ifNoneMatch(), "", List.of())), false);
        }
        if (status == 404) {
            return new Result(done(outcome(Status.NOT_APPLICABLE, 0, "",
                    "control plane does not offer remote configuration", List.of())), false);
        }
        if (status != 200) {
            return new Result(done(outcome(Status.FAILED, 0, "", "control plane answered HTTP " + status
                    + " to GET /api/agent/config" + ControlPlaneErrors.suffix(body, MAX_ERROR), List.of())), false);
        }
        Revision revision;
        try {
            revision = Revision.parse(body, tag);
        } catch (IllegalArgumentException e) {
            return new Result(done(outcome(Status.FAILED, 0, tag, e.getMessage(), List.of())), true);
        }
        return new Result(done(handle(revision)), true);
    }

    private ConfigSyncOutcome handle(Revision revision) {
        long number = revision.number();
        if (mode == RemoteConfigMode.APPLY && number == state.revision()
                && Json.canonical(MergePatch.apply(JsonNodeFactory.instance.objectNode(), revision.overlay()))
                        .equals(state.overlay())) {
            if (!revision.etag().equals(state.etag())) {
                state = state.withEtag(revision.etag());
                persistQuietly(state);
            }
            return outcome(Status.UNCHANGED, number, revision.etag(), "", List.of());
        }
        ValidatedOverlay overlay;
        try {
            overlay = validator.validate(revision.overlay(), jobs.localJobs());
        } catch (RejectedOverlay e) {
            return outcome(Status.REJECTED, number, revision.etag(), "revision " + number + " rejected: "
                    + e.getMessage(), List.of());
        }
        if (mode != RemoteConfigMode.APPLY) {
            seenEtag = revision.etag();
            return outcome(Status.NOT_APPLICABLE, number, revision.etag(), "report-only mode: revision " + number
                    + " is valid and was not applied", List.of());
        }
        return apply(revision, overlay);
    }

    private ConfigSyncOutcome apply(Revision revision, ValidatedOverlay overlay) {
        long number = revision.number();
        SyncState before = state;
        Map<String, Baseline> baselines;
        try {
            // The local values are on disk before the first remote value replaces them.
            baselines = applier.baselinesFor(overlay.config(), before.baselines());
            store.save(before.withBaselines(baselines));
            state = before.withBaselines(baselines);
        } catch (IOException | RuntimeException e) {
            return outcome(Status.FAILED, number, revision.etag(), "revision " + number
                    + " not applied: cannot record the local configuration first: " + e, List.of());
        }
        Map<String, Baseline> remaining;
        try {
            remaining = applier.apply(overlay.config(), baselines);
            jobs.apply(overlay.jobs());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Applying remote configuration revision {} failed; restoring revision {}", number,
                    before.revision(), e);
            return outcome(Status.FAILED, number, revision.etag(), "applying revision " + number + " failed: " + e
                    + "; " + restore(before, baselines), List.of());
        }
        SyncState next = new SyncState(number, revision.etag(), overlay.effective(), revision.createdAt(),
                clock.instant(), remaining);
        state = next;
        seenEtag = next.etag();
        List<String> warnings = persistQuietly(next)
                .map(problem -> List.of("revision " + number + " is applied but could not be stored (" + problem
                        + "); it is fetched and applied again after a restart"))
                .orElse(List.of());
        LOG.info("Applied remote configuration revision {} ({})", number, overlay.digest());
        return outcome(Status.APPLIED, number, revision.etag(), "", warnings);
    }

    /** Puts the last good overlay back after a failed application; says how that went. */
    private String restore(SyncState good, Map<String, Baseline> baselines) {
        try {
            ValidatedOverlay previous = validator.validate(good.overlay(), Map.of());
            Map<String, Baseline> remaining = applier.apply(previous.config(), baselines);
            jobs.apply(previous.jobs());
            state = good.withBaselines(remaining);
            persistQuietly(state);
            return "revision " + good.revision() + " is in force again";
        } catch (RejectedOverlay | IOException | RuntimeException e) {
            LOG.error("Could not restore remote configuration revision {} after a failed application", good.revision(), e);
            return "restoring revision " + good.revision() + " failed too (" + e + "); check etc/ and assessment:jobs";
        }
    }

    private Optional<String> persistQuietly(SyncState toStore) {
        try {
            store.save(toStore);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot store the remote-configuration state: {}", e.toString());
            return Optional.of(e.toString());
        }
    }

    private ConfigSyncOutcome outcome(Status status, long revision, String etag, String reason, List<String> warnings) {
        return new ConfigSyncOutcome(status, revision, etag, reason, warnings, clock.instant());
    }

    private ConfigSyncOutcome done(ConfigSyncOutcome outcome) {
        ConfigSyncOutcome previous = last;
        last = outcome;
        boolean repeated = previous != null && previous.status() == outcome.status()
                && previous.reason().equals(outcome.reason());
        // Every poll meets the same rejected revision again; one warning says it.
        if (!repeated && (outcome.status() == Status.REJECTED || outcome.status() == Status.FAILED)) {
            LOG.warn("Remote configuration sync {}: {}", outcome.status(), outcome.reason());
        } else {
            LOG.debug("Remote configuration sync {} (revision {})", outcome.status(), outcome.revision());
        }
        return outcome;
    }

    /** A revision as the control plane sent it. */
    record Revision(long number, String etag, JsonNode overlay, String createdAt) {

        /**
         * Reads {@code {"data":{"revision":7,"overlay":{...},"created-at":"..."}}}.
         *
         * @throws IllegalArgumentException saying what is wrong with the reply
         */
        static Revision parse(byte[] body, String etag) {
            JsonNode root;
            try {
                root = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("control plane's configuration reply is not valid JSON: "
                        + Json.problem(e));
            }
            JsonNode data = root == null ? null : root.get("data");
            if (data == null || !data.isObject()) {
                throw new IllegalArgumentException("control plane's configuration reply has no \"data\" object");
            }
            JsonNode revision = data.get("revision");
            if (revision == null || !revision.isIntegralNumber() || !revision.canConvertToLong()
                    || revision.longValue() < 0) {
                throw new IllegalArgumentException("control plane's configuration reply has no valid data.revision"
                        + " (a non-negative integer), found " + revision);
            }
            JsonNode overlay = data.get("overlay");
            if (overlay == null || !overlay.isObject()) {
                throw new IllegalArgumentException("control plane's configuration reply has no data.overlay object"
                        + " (revision " + revision.longValue() + ")");
            }
            JsonNode created = data.get("created-at");
            return new Revision(revision.longValue(), etag, overlay, created == null || created.isNull() ? ""
                    : created.asText());
        }
    }
}
