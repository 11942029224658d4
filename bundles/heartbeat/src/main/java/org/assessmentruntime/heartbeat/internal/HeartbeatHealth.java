package org.assessmentruntime.heartbeat.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Reports the {@link ComponentId#HEARTBEAT} component's health, in standalone mode too: there it is
 * up by doing nothing, since heartbeats exist only for a control plane. The connection and the
 * heartbeat service are optional, dynamic references because this indicator outlives them.
 *
 * <p>The link is DOWN when heartbeats keep failing ({@value #DOWN_AFTER} in a row) or one has been in
 * flight past {@link #STUCK_AFTER}: every control-plane exchange has a deadline well within that, so a
 * heartbeat still under way is stuck, and a stuck link must not look UP.
 */
@Component(property = ComponentId.SERVICE_PROPERTY + "=heartbeat")
public class HeartbeatHealth implements HealthIndicator {

    static final String STANDALONE = "standalone: no control plane configured, no heartbeats sent";

    /** Failures in a row after which the link is down rather than having a hiccup. */
    static final int DOWN_AFTER = 3;

    /**
     * How long a heartbeat may be in flight before the link counts as stuck: twice the wait of
     * {@link HeartbeatService#TIMEOUT}, which covers a token request and the heartbeat's own deadline.
     */
    static final Duration STUCK_AFTER = HeartbeatService.TIMEOUT.multipliedBy(2);

    private final BeatLog log;
    private final Clock clock;
    private final Duration stuckAfter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ControlPlaneConnection connection;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Heartbeat heartbeat;

    /** DS constructor. */
    @Activate
    public HeartbeatHealth(@Reference BeatLog log) {
        this(log, Clock.systemUTC(), STUCK_AFTER);
    }

    HeartbeatHealth(BeatLog log, Clock clock, Duration stuckAfter) {
        this.log = log;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /** For tests: the optional services as DS would bind them ({@code null} for absent). */
    void bind(ControlPlaneConnection connection, Heartbeat heartbeat) {
        this.connection = connection;
        this.heartbeat = heartbeat;
    }

    @Override
    public ComponentHealth health() {
        ControlPlaneConnection current = connection;
        if (current == null) {
            return ComponentHealth.of(ComponentId.HEARTBEAT, HealthState.UP, STANDALONE);
        }
        Duration interval = current.heartbeatInterval();
        BeatLog.Snapshot snapshot = log.snapshot();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("interval", String.valueOf(interval));
        facts.put("consecutiveFailures", Integer.toString(snapshot.consecutiveFailures()));
        snapshot.last().ifPresent(last -> {
            facts.put("lastBeatAt", last.at().toString());
            facts.put("lastDelivered", Boolean.toString(last.delivered()));
        });
        Optional<Instant> stuck = snapshot.sending().filter(at -> clock.instant().isAfter(at.plus(stuckAfter)));
        if (heartbeat != null && stuck.isPresent()) {
            facts.put("inFlightSince", stuck.get().toString());
            return new ComponentHealth(ComponentId.HEARTBEAT, HealthState.DOWN, "control plane link stuck: the "
                    + "heartbeat sent at " + stuck.get() + " to " + current.baseUrl() + " has had no outcome for "
                    + Duration.between(stuck.get(), clock.instant()).toSeconds() + " s", facts);
        }
        return new ComponentHealth(ComponentId.HEARTBEAT, state(snapshot), detail(current, snapshot), facts);
    }

    private HealthState state(BeatLog.Snapshot snapshot) {
        if (heartbeat == null) {
            return HealthState.DOWN;
        }
        return snapshot.consecutiveFailures() >= DOWN_AFTER ? HealthState.DOWN : HealthState.UP;
    }

    private String detail(ControlPlaneConnection current, BeatLog.Snapshot snapshot) {
        if (heartbeat == null) {
            return "control plane " + current.baseUrl() + " is configured but the heartbeat service is not running"
                    + " (see scr:list for its unsatisfied references)";
        }
        if (snapshot.last().isEmpty()) {
            return "no heartbeat sent yet; one every " + current.heartbeatInterval() + " to " + current.baseUrl();
        }
        HeartbeatResult last = snapshot.last().get();
        if (last.delivered()) {
            return "last heartbeat at " + last.at() + " delivered to " + current.baseUrl();
        }
        return snapshot.consecutiveFailures() + " heartbeat(s) in a row not delivered to " + current.baseUrl()
                + "; last at " + last.at() + ": " + last.detail();
    }
}
