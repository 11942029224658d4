package org.assessmentruntime.heartbeat.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Route {@value #ROUTE_ID}: a timer that sends a heartbeat every
 * {@link ControlPlaneConnection#heartbeatInterval()}. Exists only while a connection does.
 *
 * <p>The connection is a static, greedy reference: when it is published again with other settings,
 * this component is re-created, and the new route runs at the new interval.
 */
@Component(enabled = false, service = RoutesBuilder.class)
public class HeartbeatTimerRoute extends RouteBuilder {

    /** This route's id. */
    static final String ROUTE_ID = "assessment-heartbeat";

    private final Duration interval;
    private final Duration initialDelay;

    /** DS constructor. */
    @Activate
    public HeartbeatTimerRoute(@Reference(policyOption = ReferencePolicyOption.GREEDY)
            ControlPlaneConnection connection) {
        this(connection.heartbeatInterval(), randomDelay(connection.heartbeatInterval()));
    }

    HeartbeatTimerRoute(Duration interval, Duration initialDelay) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ControlPlaneConnection.heartbeatInterval must be positive, got "
                    + interval + "; no heartbeats are scheduled");
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initial heartbeat delay must not be negative, got " + initialDelay);
        }
        this.interval = interval;
        this.initialDelay = initialDelay;
    }

    /**
     * A random point within the first interval. A fleet of runtimes restarted together (an upgrade, a
     * data-centre power cut) would otherwise beat in the same second, every interval, forever: each
     * runtime keeps its own random phase instead, as the control plane's own agent does ("one a minute
     * at a random second").
     */
    static Duration randomDelay(Duration interval) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis())));
    }

    Duration interval() {
        return interval;
    }

    Duration initialDelay() {
        return initialDelay;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period=" + interval.toMillis() + "&delay=" + initialDelay.toMillis())
                .routeId(ROUTE_ID)
                .to(HeartbeatSendRoute.ENDPOINT);
    }
}
