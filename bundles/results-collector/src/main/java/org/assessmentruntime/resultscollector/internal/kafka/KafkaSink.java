package org.assessmentruntime.resultscollector.internal.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.resultscollector.internal.SinkMonitor;
import org.assessmentruntime.resultscollector.internal.SinkOutbox;
import org.assessmentruntime.resultscollector.internal.SinkReport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka results sink: while {@code bootstrapServers} is set, publishes the routes
 * {@value KafkaSinkRoute#ROUTE_ID} and {@value KafkaSendRoute#ROUTE_ID} (as {@link RoutesBuilder}
 * services, which the Camel bundle adds to its context) and holds unpublished results in the store; with
 * it empty (the default) there is no route and nothing is held.
 *
 * <p>A changed configuration is applied live: the routes are replaced by ones built from it (the position
 * in the store stays, so nothing is sent twice for it). One that is rejected keeps the last good settings
 * (or the sink off, if there were none), and the log and the collector's health name the key and the
 * problem.
 *
 * <p>Always registered as {@link SinkMonitor} so that status says whether the sink is enabled.
 */
@Component(configurationPid = KafkaSink.PID, immediate = true, service = SinkMonitor.class)
@Designate(ocd = KafkaSinkConfig.class)
public class KafkaSink implements SinkMonitor {

    /** The configuration PID. */
    public static final String PID = "org.assessmentruntime.resultscollector.kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final SinkOutbox outbox;
    private final RoutePublisher publisher;
    private final Clock clock;
    /** Guarded by this. */
    private KafkaSinkSettings settings;
    /** Guarded by this. */
    private KafkaSender sender;
    /** Guarded by this. */
    private final List<Runnable> routes = new ArrayList<>();
    private volatile String configProblem = "";

    /** DS constructor. */
    @Activate
    public KafkaSink(@Reference SinkOutbox outbox, BundleContext bundle, KafkaSinkConfig config) {
        this(outbox, builder -> {
            var registration = bundle.registerService(RoutesBuilder.class, builder, null);
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // Unregistered already: the bundle is stopping.
                }
            };
        }, config, Clock.systemUTC());
    }

    /** With a publisher and clock of the caller's choice (tests). */
    KafkaSink(SinkOutbox outbox, RoutePublisher publisher, KafkaSinkConfig config, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        modified(config);
    }

    /** Applies a changed configuration, or keeps the last good one when it is rejected. */
    @Modified
    synchronized void modified(KafkaSinkConfig config) {
        KafkaSinkSettings next;
        try {
            next = KafkaSinkSettings.of(config);
        } catch (IllegalArgumentException e) {
            configProblem = "the configuration " + PID + " was rejected (" + e.getMessage() + "); the Kafka sink "
                    + (settings == null ? "stays off" : "keeps its previous settings");
            LOG.error("The configuration {} was rejected: {}; the Kafka sink {}", PID, e.getMessage(),
                    settings == null ? "stays off" : "keeps its previous settings (" + settings + ")");
            return;
        }
        configProblem = "";
        if (next == null ? settings == null : next.sameAs(settings)) {
            return;
        }
        stopRoutes();
        settings = next;
        try {
            outbox.holdForSink(KafkaSender.SINK, next != null);
        } catch (AssessmentException e) {
            LOG.warn("Could not record in the result store whether it keeps results for Kafka: {}", e.getMessage());
        }
        if (next == null) {
            LOG.info("Kafka sink off (no bootstrapServers in {})", PID);
            return;
        }
        sender = new KafkaSender(outbox, next, clock);
        routes.add(publisher.publish(new KafkaSendRoute(next)));
        routes.add(publisher.publish(new KafkaSinkRoute(sender, next)));
        LOG.info("Kafka sink publishing results to {}", next);
    }

    @Deactivate
    synchronized void deactivate() {
        stopRoutes();
    }

    private void stopRoutes() {
        if (sender != null) {
            sender.stop();
        }
        // The round route first, so that nothing sends to the producer route once it is gone.
        for (int i = routes.size() - 1; i >= 0; i--) {
            routes.get(i).run();
        }
        routes.clear();
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }

    @Override
    public SinkReport report() {
        KafkaSinkSettings current;
        KafkaSender running;
        synchronized (this) {
            current = settings;
            running = sender;
        }
        String problem = configProblem;
        if (current == null || running == null) {
            return new SinkReport(KafkaSender.SINK, false, "", 0, 0, null, null, problem);
        }
        String error = running.lastError();
        String lastError = problem.isEmpty() ? error : error.isEmpty() ? problem : problem + "; " + error;
        return new SinkReport(KafkaSender.SINK, true, current.target(), outbox.sinkBacklog(KafkaSender.SINK),
                running.acked(), running.lastAckAt(), running.backoffUntil(), lastError);
    }
}
