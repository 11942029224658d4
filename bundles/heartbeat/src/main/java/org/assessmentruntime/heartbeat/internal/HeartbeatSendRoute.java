package org.assessmentruntime.heartbeat.internal;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RuntimeIdentity;
import org.assessmentruntime.api.StatusService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Route {@value #ROUTE_ID}: sends one heartbeat through the control-plane route and leaves its
 * {@link HeartbeatResult} as the body, also recorded in the {@link BeatLog}. Every heartbeat, timed or
 * asked for, goes through here. Exists only while a {@link ControlPlaneConnection} does.
 *
 * <p>The services the body's summary comes from are optional and dynamic: they come and go with their
 * bundles, and a heartbeat without them is still a heartbeat.
 */
@Component(enabled = false, service = RoutesBuilder.class,
        reference = @Reference(name = "connection", service = ControlPlaneConnection.class))
public class HeartbeatSendRoute extends RouteBuilder {

    /** This route's id. */
    static final String ROUTE_ID = "assessment-heartbeat-send";

    /** Where heartbeats are sent. */
    static final String ENDPOINT = "direct:" + ROUTE_ID;

    /** The control plane's heartbeat path. */
    static final String PATH = "/api/agent/heartbeat";

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatSendRoute.class);
    private static final String AT = "assessment.heartbeat.at";

    private final RuntimeIdentity identity;
    private final BeatLog log;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Replies replies = new Replies();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StatusService status;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginManager manager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ResultsCollector results;

    /** DS constructor. */
    @Activate
    public HeartbeatSendRoute(@Reference RuntimeIdentity identity, @Reference BeatLog log) {
        this(identity, log, Clock.systemUTC());
    }

    HeartbeatSendRoute(RuntimeIdentity identity, BeatLog log, Clock clock) {
        this.identity = identity;
        this.log = log;
        this.clock = clock;
    }

    /** For tests: the optional services as DS would bind them ({@code null} for absent). */
    void bind(StatusService status, PluginStore store, PluginManager manager, ResultsCollector results) {
        this.status = status;
        this.store = store;
        this.manager = manager;
        this.results = results;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .doTry()
                    .process(this::prepare)
                    .to(ControlPlaneConnection.ENDPOINT)
                    .process(this::interpretReply)
                .doCatch(Exception.class)
                    .process(this::interpretFailure)
                .end();
    }

    private void prepare(Exchange exchange) throws Exception {
        Instant at = clock.instant();
        exchange.setProperty(AT, at);
        log.sending(at);
        HeartbeatBody body = HeartbeatBodies.build(identity.runtimeId(), at, status, store, manager, results);
        // Whatever came with the trigger (timer headers) is not for the control plane.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, PATH);
        exchange.getMessage().setBody(json.writeValueAsBytes(body));
    }

    private void interpretReply(Exchange exchange) {
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] reply = exchange.getMessage().getBody(byte[].class);
        finish(exchange, replies.fromReply(sentAt(exchange), code, reply));
    }

    private void interpretFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        finish(exchange, replies.fromFailure(sentAt(exchange),
                failure != null ? failure : new IllegalStateException("unknown failure")));
    }

    private Instant sentAt(Exchange exchange) {
        Instant at = exchange.getProperty(AT, Instant.class);
        return at != null ? at : clock.instant();
    }

    private void finish(Exchange exchange, HeartbeatResult result) {
        int failuresBefore = log.record(result);
        // One line per change, not one a minute through a long outage.
        if (!result.delivered() && failuresBefore == 0) {
            LOG.warn("Heartbeat not delivered: {}", result.detail());
        } else if (result.delivered() && failuresBefore > 0) {
            LOG.info("Heartbeat delivered again after {} failure(s)", failuresBefore);
        } else {
            LOG.debug("Heartbeat at {}: delivered={} {}", result.at(), result.delivered(), result.detail());
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(result);
    }
}
