package org.assessmentruntime.resultscollector.internal.delivery;

import java.time.Clock;
import java.util.random.RandomGenerator;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.internal.CollectorConfig;
import org.assessmentruntime.resultscollector.internal.DeliveryMonitor;
import org.assessmentruntime.resultscollector.internal.DeliveryReport;
import org.assessmentruntime.resultscollector.internal.Outbox;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery of stored results to the control plane, driven by two routes: {@link DeliveryRoute} (the
 * timer) and {@link DeliveryWakeRoute} (woken when a result is stored). Exists only while a
 * {@link ControlPlaneConnection} does: in standalone mode there is no delivery and results stay pending.
 *
 * <p>No {@code @Modified}: a configuration change re-creates this component and so the routes, with the
 * new interval; the state lost (back-off, counters) is only memory, the results are in the store.
 */
@Component(enabled = false, service = {ResultsDelivery.class, DeliveryMonitor.class}, configurationPid = ResultsCollectorService.PID)
public class ResultsDelivery implements DeliveryMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsDelivery.class);

    private final Deliverer deliverer;
    private final DeliverySettings settings;
    /** The template of the context the routes run in; set by the first round. Guarded by this. */
    private ProducerTemplate template;
    private volatile ProducerTemplate wakeTemplate;

    /** DS constructor. */
    @Activate
    public ResultsDelivery(@Reference ControlPlaneConnection connection, @Reference Outbox collector,
            CollectorConfig config) {
        this(collector, settings(config), Clock.systemUTC(), RandomGenerator.getDefault(),
                String.valueOf(connection.baseUrl()));
    }

    /**
     * The delivery settings, or the defaults when the configuration is rejected: failing activation would
     * silently stop delivery. The collector, configured by the same PID, reports the rejection in its health.
     */
    static DeliverySettings settings(CollectorConfig config) {
        try {
            return DeliverySettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("The configuration {} was rejected, delivery runs on its default settings: {}",
                    ResultsCollectorService.PID, e.getMessage());
            return DeliverySettings.DEFAULTS;
        }
    }

    /** With settings, clock and randomness of the caller's choice (tests). */
    public ResultsDelivery(Outbox collector, DeliverySettings settings, Clock clock, RandomGenerator random,
            String target) {
        this.settings = settings;
        this.deliverer = new Deliverer(collector, settings, clock, random, target);
    }

    DeliverySettings settings() {
        return settings;
    }

    /** One delivery round, on a route's thread; rounds wait for each other. */
    void round(CamelContext context) {
        deliverer.round(new CamelControlPlaneClient(template(context)));
    }

    private synchronized ProducerTemplate template(CamelContext context) {
        if (template == null || template.getCamelContext() != context) {
            stop(template);
            template = context.createProducerTemplate();
            // Requests are sent from threads of their own, so that the round's thread reads the next batch
            // meanwhile, and as many as results may have in flight one per request; Camel's default would be
            // a pool of ten. Shut down when the template stops.
            template.setExecutorService(context.getExecutorServiceManager().newFixedThreadPool(this,
                    "assessment-results-delivery-send", settings.concurrency()));
            wakeTemplate = template;
        }
        return template;
    }

    @Override
    public void wake() {
        ProducerTemplate current = wakeTemplate;
        if (current == null) {
            return; // No round ran yet; the timer's first one comes at once.
        }
        try {
            current.sendBody(DeliveryWakeRoute.URI, "");
        } catch (RuntimeException e) {
            // Only promptness is lost: the timer delivers it.
            LOG.debug("Could not wake delivery: {}", e.getMessage());
        }
    }

    /** The result as evidence (JSON), with times no later than now; null, logged, when that fails. */
    @Override
    public byte[] render(AssessmentResult result) {
        try {
            return deliverer.render(result);
        } catch (RuntimeException e) {
            LOG.debug("Evidence of result {} left to delivery time: {}", result.resultId(), e.getMessage());
            return null;
        }
    }

    @Override
    public DeliveryReport report() {
        return deliverer.report();
    }

    @Deactivate
    synchronized void deactivate() {
        wakeTemplate = null;
        stop(template);
        template = null;
    }

    private static void stop(ProducerTemplate template) {
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException e) {
                LOG.debug("Could not stop a producer template: {}", e.getMessage());
            }
        }
    }
}
