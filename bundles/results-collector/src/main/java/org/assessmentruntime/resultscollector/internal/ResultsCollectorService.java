package org.assessmentruntime.resultscollector.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthIndicator;
import org.assessmentruntime.api.ParkedResults;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.api.util.KarafPaths;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.internal.delivery.DeliverySettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one {@link ResultsCollector}: a {@link MvResultStore} in the configured directory, swept
 * of old delivered results on a schedule, reporting its own health.
 *
 * <p>Immediate, so that the store is opened (and swept) when the bundle starts rather than when the
 * first result arrives, and a problem with it shows at boot.
 *
 * <p>A damaged store file (corrupt, or no store at all) is moved aside ({@link DamagedStores}: renamed
 * with the time, kept for investigation, named in the log and the health) and a fresh store opened in
 * its place, so that runs go on being stored; the same when the store breaks while in use (MVStore
 * closes itself after a fatal I/O error): the next {@link #store} reopens it and stores the result
 * there. When the store cannot be opened for any other reason (directory not writable, file locked by
 * another process, another layout) the component stays registered and reports DOWN with the reason, so
 * that {@code assessment:status} says why results are not kept; {@link #store} then fails and each sweep
 * tries to open it again.
 *
 * <p>The size cap ({@code maxStoreSizeMb}) is enforced in the background after a result made the file
 * larger than it, and by each sweep: see {@link MvResultStore#shrinkTo}.
 *
 * <p>Delivery to the control plane is a component of its own ({@link DeliveryMonitor}), present only
 * while a control plane is configured: the collector wakes it after each stored result and adds its
 * report to the health. Without it (standalone) results simply stay pending here.
 */
@Component(configurationPid = ResultsCollectorService.PID, immediate = true,
        property = ComponentId.SERVICE_PROPERTY + "=results-collector")
@Designate(ocd = CollectorConfig.class)
public class ResultsCollectorService implements ResultsCollector, ParkedResults, Outbox, SinkOutbox, HealthIndicator {

    /** The configuration PID. */
    public static final String PID = "org.assessmentruntime.resultscollector";

    private static final Logger LOG = LoggerFactory.getLogger(ResultsCollectorService.class);
    private static final DeliveryBacklog NONE = new DeliveryBacklog(0, 0, null);

    private final Clock clock;
    private final String karafData;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "results-collector-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Settings settings;
    /** Why the last configuration was rejected; empty when it is in effect. */
    private volatile String configProblem = "";
    private volatile MvResultStore store;
    private volatile String unavailable = "not opened yet";
    /** Where a damaged store was moved aside to, and why; null when none was. */
    private volatile String movedAside;
    /** Whether a shrink to the size cap is queued on the sweeper (one at a time). */
    private final AtomicBoolean shrinkQueued = new AtomicBoolean();
    /** Guarded by this. */
    private ScheduledFuture<?> sweeps;
    private volatile DeliveryMonitor delivery;
    /** The Kafka sink's component (always there when the bundle is complete, enabled or not). */
    private volatile SinkMonitor kafka;

    /** DS constructor: {@code ${karaf.data}} in the configured directory is {@link KarafPaths#data()}. */
    @Activate
    public ResultsCollectorService(CollectorConfig config) {
        this(config, Clock.systemUTC(), KarafPaths.data().toString());
    }

    /** With a clock and a Karaf data directory of the caller's choice (tests). */
    ResultsCollectorService(CollectorConfig config, Clock clock, String karafData) {
        this.clock = clock;
        this.karafData = karafData;
        modified(config);
    }

    /**
     * Applies a changed configuration: limits at once, a new directory by closing the store and opening
     * the one there, and a sweep right away (at start-up too) and then at the configured interval.
     *
     * <p>A configuration with a value out of bounds is rejected without failing the component (which would
     * take it out of status and stop storing results): the collector keeps what it had (the defaults at
     * first), delivery (re-created on every change) runs on its defaults, the log and the health say
     * which setting and why, and the next valid configuration is taken.
     */
    @Modified
    synchronized void modified(CollectorConfig config) {
        List<String> problems = new ArrayList<>();
        Settings next = null;
        try {
            next = Settings.of(config);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + "; the collector keeps its previous settings");
        }
        try {
            // Delivery's part, applied by delivery (same PID), which falls back to its defaults: said here.
            DeliverySettings.of(config);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + "; delivery runs on its default settings");
        }
        configProblem = problems.isEmpty() ? ""
                : "the configuration " + PID + " was rejected (" + String.join("; ", problems) + ")";
        if (!problems.isEmpty()) {
            LOG.error("The configuration {} was rejected: {}", PID, String.join("; ", problems));
        }
        if (next == null) {
            if (settings != null) {
                return;
            }
            next = Settings.DEFAULTS;
        }
        Settings previous = settings;
        settings = next;
        if (store == null || !previous.dataDirectory().equals(next.dataDirectory())) {
            if (previous != null && !previous.dataDirectory().equals(next.dataDirectory())) {
                movedAside = null; // about the old directory
            }
            reopen(next);
        }
        if (sweeps != null) {
            sweeps.cancel(false);
        }
        long interval = next.sweepInterval().toMillis();
        sweeps = sweeper.scheduleWithFixedDelay(this::sweep, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Delivery appeared: a control plane is configured. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindDelivery")
    void bindDelivery(DeliveryMonitor monitor) {
        delivery = monitor;
    }

    void unbindDelivery(DeliveryMonitor monitor) {
        if (delivery == monitor) {
            delivery = null;
        }
    }

    /** The Kafka sink's component appeared (see {@link SinkMonitor}). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindKafka")
    void bindKafka(SinkMonitor monitor) {
        kafka = monitor;
    }

    void unbindKafka(SinkMonitor monitor) {
        if (kafka == monitor) {
            kafka = null;
        }
    }

    @Deactivate
    void deactivate() {
        // Not shutdownNow: a sweep in progress finishes its commit rather than being interrupted.
        sweeper.shutdown();
        try {
            sweeper.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            close();
        }
    }

    /**
     * Drops delivered results past their retention and compacts the file; opens the store first if it
     * could not be opened before. Logs what goes wrong. Holds this component's lock so that a
     * reconfiguration does not close the store under it; storing results is not held up.
     */
    synchronized void sweep() {
        if (store == null) {
            reopen(settings);
            if (store == null) {
                return;
            }
        }
        try {
            if (!settings.retention().isZero()) {
                int purged = store.purgeDelivered(clock.instant().minus(settings.retention()));
                if (purged > 0) {
                    LOG.info("Dropped {} delivered results older than {} days", purged, settings.retention().toDays());
                }
            }
            store.compact();
        } catch (AssessmentException | RuntimeException e) {
            LOG.warn("Retention sweep of the result store failed: {}", e.getMessage(), e);
        }
        shrink();
    }

    /** Drops delivered results while the store is above its size cap; see {@link MvResultStore#shrinkTo}. */
    synchronized void shrink() {
        shrinkQueued.set(false);
        MvResultStore current = store;
        if (current == null || current.contentBytes() <= settings.maxStoreBytes()) {
            return;
        }
        try {
            int dropped = current.shrinkTo(settings.maxStoreBytes());
            long sizeMb = current.contentBytes() >> 20;
            if (dropped > 0) {
                LOG.info("Dropped the {} oldest delivered results: the result store held more than its cap of {} "
                        + "MiB (maxStoreSizeMb), now {} MiB", dropped, settings.maxStoreBytes() >> 20, sizeMb);
            }
            if (current.contentBytes() > settings.maxStoreBytes() && current.deliveredCount() == 0) {
                LOG.warn("The result store holds {} MiB, above its cap of {} MiB, and no more delivered results "
                        + "to drop; undelivered results are never dropped, so it keeps growing", sizeMb,
                        settings.maxStoreBytes() >> 20);
            }
        } catch (AssessmentException | RuntimeException e) {
            LOG.warn("Could not bring the result store down to its size cap: {}", e.getMessage(), e);
        }
    }

    private void reopen(Settings next) {
        close();
        Path directory;
        try {
            directory = DataDirectory.resolve(next.dataDirectory(), karafData);
        } catch (IllegalArgumentException e) {
            unavailable(e);
            return;
        }
        try {
            store = MvResultStore.open(directory, clock);
            LOG.info("Result store open in {}: {}", directory, store.backlog());
        } catch (DamagedStoreException e) {
            replaceDamaged(directory, e);
        } catch (AssessmentException e) {
            unavailable(e);
        }
    }

    /** Moves a damaged store aside and opens a fresh one in its place. */
    private void replaceDamaged(Path directory, DamagedStoreException damaged) {
        Path aside;
        try {
            aside = DamagedStores.moveAside(damaged.file(), clock.instant());
        } catch (IOException e) {
            unavailable(new AssessmentException(damaged.getMessage() + "; it could not be moved aside: " + e, e));
            return;
        }
        movedAside = "the damaged result store was moved aside to " + aside + " (" + damaged.getMessage()
                + "); results it held were neither read nor delivered; a fresh store is in use";
        LOG.error("The result store {} is damaged and was moved aside to {}, kept for investigation; a fresh "
                + "store is in use: {}", damaged.file(), aside, damaged.getMessage(), damaged);
        try {
            store = MvResultStore.open(directory, clock);
        } catch (AssessmentException e) {
            unavailable(e);
        }
    }

    private void unavailable(Exception e) {
        unavailable = e.getMessage();
        LOG.error("Results cannot be stored: {}", e.getMessage(), e);
    }

    private void close() {
        MvResultStore current = store;
        if (current != null) {
            store = null;
            unavailable = "closed";
            current.close();
        }
        // With no store open, the reason it could not be opened stays until the next attempt replaces it:
        // a sweep retrying in the background must not show "closed" meanwhile.
    }

    private MvResultStore available() throws AssessmentException {
        MvResultStore current = store;
        if (current == null) {
            throw new AssessmentException("results cannot be stored: " + unavailable);
        }
        return current;
    }

    @Override
    public StoredResult store(AssessmentResult result) throws AssessmentException {
        DeliveryMonitor current = delivery;
        byte[] body = current == null ? null : current.render(result);
        StoredResult stored;
        MvResultStore target = available();
        try {
            stored = target.store(result, body);
        } catch (AssessmentException | RuntimeException e) {
            if (target.isOpen()) {
                throw e;
            }
            // The store broke under us (it closed itself after a fatal I/O error): open it again, which
            // moves it aside if it is damaged, and keep the result there rather than losing it.
            stored = reopened(target, e).store(result, body);
        }
        if (current != null) {
            current.wake();
        }
        // Only when there is something the cap may drop: a store of undelivered results just grows.
        if (target.contentBytes() > settings.maxStoreBytes() && target.deliveredCount() > 0
                && shrinkQueued.compareAndSet(false, true)) {
            try {
                sweeper.execute(this::shrink);
            } catch (RejectedExecutionException e) {
                // Deactivated meanwhile: the next activation's sweep enforces the cap.
            }
        }
        return stored;
    }

    /** The store after reopening a broken one (unless another caller did already). */
    private synchronized MvResultStore reopened(MvResultStore broken, Exception why) throws AssessmentException {
        if (store == broken) {
            LOG.error("The result store broke ({}); opening it again", why.getMessage(), why);
            reopen(settings);
        }
        return available();
    }

    /** The open store; null when none is (tests). */
    MvResultStore currentStore() {
        return store;
    }

    /**
     * Stored results skipped by reads since the store was opened because they could not be read (see
     * {@link ResultStore#unreadable()}); 0 while no store is open.
     */
    public long unreadable() {
        MvResultStore current = store;
        return current == null ? 0 : current.unreadable();
    }

    @Override
    public Optional<StoredResult> find(UUID resultId) {
        MvResultStore current = store;
        return current == null ? Optional.empty() : current.find(resultId);
    }

    @Override
    public List<StoredResult> query(ResultQuery query) {
        MvResultStore current = store;
        return current == null ? List.of() : current.query(query);
    }

    @Override
    public List<StoredResult> pending(int limit) {
        MvResultStore current = store;
        return current == null ? List.of() : current.pending(limit);
    }

    @Override
    public List<Outgoing> outgoing(long after, int limit, long maxBytes, Function<AssessmentResult, byte[]> render) {
        MvResultStore current = store;
        return current == null ? List.of() : current.outgoing(after, limit, maxBytes, render);
    }

    @Override
    public void markDelivered(UUID resultId) throws AssessmentException {
        available().markDelivered(resultId);
    }

    @Override
    public void markDelivered(Collection<UUID> resultIds) throws AssessmentException {
        available().markDelivered(resultIds);
    }

    @Override
    public void markFailed(UUID resultId, String error) throws AssessmentException {
        available().markFailed(resultId, error);
    }

    @Override
    public void markFailed(Collection<UUID> resultIds, String error) throws AssessmentException {
        available().markFailed(resultIds, error);
    }

    @Override
    public void markParked(UUID resultId, String error) throws AssessmentException {
        available().markParked(resultId, error);
    }

    @Override
    public void requeue(UUID resultId) throws AssessmentException {
        available().requeue(resultId);
    }

    @Override
    public List<StoredResult> parked(int limit) {
        MvResultStore current = store;
        return current == null ? List.of() : current.parked(limit);
    }

    @Override
    public List<SinkRecord> sinkBatch(String sink, int limit) {
        MvResultStore current = store;
        return current == null ? List.of() : current.sinkBatch(sink, limit);
    }

    @Override
    public void sinkAcked(String sink, long seq) throws AssessmentException {
        available().sinkAcked(sink, seq);
    }

    @Override
    public long sinkBacklog(String sink) {
        MvResultStore current = store;
        return current == null ? 0 : current.sinkBacklog(sink);
    }

    @Override
    public void holdForSink(String sink, boolean hold) throws AssessmentException {
        available().holdForSink(sink, hold);
    }

    @Override
    public DeliveryBacklog backlog() {
        MvResultStore current = store;
        return current == null ? NONE : current.backlog();
    }

    @Override
    public ComponentHealth health() {
        MvResultStore current = store;
        DeliveryMonitor monitor = delivery;
        SinkMonitor sink = kafka;
        ComponentHealth health = CollectorHealth.withConfigProblem(current == null
                ? CollectorHealth.unavailable(unavailable)
                : CollectorHealth.of(current, settings, monitor == null ? null : monitor.report(), movedAside),
                configProblem);
        return CollectorHealth.withSink(health, sink == null ? null : sink.report(), "kafka");
    }
}
