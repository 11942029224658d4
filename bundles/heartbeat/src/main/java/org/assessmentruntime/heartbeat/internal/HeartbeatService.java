package org.assessmentruntime.heartbeat.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The runtime's {@link Heartbeat}: {@link #beat()} sends through route
 * {@value HeartbeatSendRoute#ROUTE_ID}, the same as the timer, so a beat asked for by an operator is
 * built, sent, judged and recorded exactly like a scheduled one. Exists only while a
 * {@link ControlPlaneConnection} does.
 */
@Component(enabled = false, reference = @Reference(name = "connection", service = ControlPlaneConnection.class))
public class HeartbeatService implements Heartbeat {

    /** How long {@link #beat()} waits for the round trip, as the control plane's own agent does. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The send route, waiting at most a second for it: long enough to bridge the route being replaced
     * (new connection settings), short enough that an operator's beat without it fails promptly.
     */
    private static final String SEND = HeartbeatSendRoute.ENDPOINT + "?timeout=1000";

    private final ProducerTemplate template;
    private final BeatLog log;
    private final Clock clock;
    private final Duration timeout;

    /** DS constructor. */
    @Activate
    public HeartbeatService(@Reference CamelContext camel, @Reference BeatLog log) {
        this(camel, log, Clock.systemUTC(), TIMEOUT);
    }

    HeartbeatService(CamelContext camel, BeatLog log, Clock clock, Duration timeout) {
        this.template = camel.createProducerTemplate();
        this.log = log;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Releases the template's producers and threads. */
    @Deactivate
    void deactivate() throws Exception {
        template.close();
    }

    @Override
    public HeartbeatResult beat() {
        CompletableFuture<Exchange> reply = template.asyncSend(SEND, exchange -> { });
        try {
            Exchange done = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            HeartbeatResult result = done.getMessage().getBody(HeartbeatResult.class);
            if (result != null) {
                return result;
            }
            // The send route did not run (not in the context yet, or being replaced): nothing was sent.
            return notSent(done.getException() != null ? done.getException().getMessage() : "no result");
        } catch (TimeoutException e) {
            // Still under way: the send route records its outcome when it ends.
            return new HeartbeatResult(clock.instant(), false, "no reply within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return notSent(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HeartbeatResult(clock.instant(), false, "interrupted while waiting for the reply");
        }
    }

    private HeartbeatResult notSent(String why) {
        HeartbeatResult result = new HeartbeatResult(clock.instant(), false,
                "heartbeat route " + HeartbeatSendRoute.ROUTE_ID + " did not run: " + why);
        log.record(result);
        return result;
    }

    @Override
    public Optional<HeartbeatResult> lastBeat() {
        return log.snapshot().last();
    }
}
