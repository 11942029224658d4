package org.assessmentruntime.configuration.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.assessmentruntime.api.ConfigSyncOutcome;
import org.assessmentruntime.api.ConfigurationSync;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.RemoteConfigMode;
import org.assessmentruntime.api.RuntimeIdentity;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.util.KarafPaths;
import org.assessmentruntime.scheduler.JobDirectory;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The {@link ConfigurationSync} service: exists only while a {@link ControlPlaneConnection} does (with a
 * control-plane URL configured), and follows its remote-configuration mode. The work is done by three
 * routes, {@link ConfigPollRoute}, {@link ConfigSyncRoute} and {@link ConfigReportRoute}; {@link #sync()}
 * sends through the sync route like the poll does, and the route lets one sync run at a time.
 *
 * <p>State is kept in {@code ${karaf.data}/remote-config/} (see {@link StateStore}; found through
 * {@link KarafPaths}, like every component's data); remote jobs are given to the {@link Scheduler}, which
 * keeps them (see {@link SchedulerJobs}).
 */
@Component(enabled = false, service = { ConfigurationSync.class, RemoteConfigService.class })
public final class RemoteConfigService implements ConfigurationSync {

    /** Where a sync starts. */
    static final String SYNC_ENDPOINT = "direct:assessment-config-sync";

    /** Where a report is sent. */
    static final String REPORT_ENDPOINT = "direct:assessment-config-report";

    private final ControlPlaneConnection connection;
    private final RuntimeIdentity identity;
    private final ConfigSyncer syncer;
    private final String version;
    private final ProducerTemplate template;
    private final Semaphore oneAtATime = new Semaphore(1);
    private volatile String hostname;
    private volatile ConfigReport lastSent;

    /** Activates with the runtime's services. */
    @Activate
    public RemoteConfigService(@Reference ControlPlaneConnection connection, @Reference RuntimeIdentity identity,
            @Reference ConfigurationAdmin admin, @Reference MetaTypeService metaType, @Reference CamelContext camel,
            @Reference Scheduler scheduler, @Reference JobDirectory jobFiles, BundleContext context) {
        this(connection, identity, camel, new ConfigSyncer(connection.remoteConfigMode(),
                new StateStore(KarafPaths.dataDirectory("remote-config"), Clock.systemUTC()),
                new OverlayValidator(new MetaTypeSchemas(context, metaType)), new ConfigApplier(admin),
                new SchedulerJobs(scheduler, jobFiles), Clock.systemUTC()),
                context.getBundle().getVersion().toString());
    }

    RemoteConfigService(ControlPlaneConnection connection, RuntimeIdentity identity, CamelContext camel,
            ConfigSyncer syncer, String version) {
        this.connection = connection;
        this.identity = identity;
        this.syncer = syncer;
        this.version = version;
        this.template = camel.createProducerTemplate();
    }

    @Deactivate
    void close() {
        try {
            template.close();
        } catch (java.io.IOException e) {
            // Nothing to do: the template holds no resources that outlive the context.
        }
    }

    @Override
    public ConfigSyncOutcome sync() {
        try {
            return Objects.requireNonNull(template.requestBody(SYNC_ENDPOINT, null, ConfigSyncOutcome.class),
                    "the sync route gave no outcome");
        } catch (RuntimeException e) {
            // The route turns every failure into an outcome; this is the route itself missing or stopping.
            return syncer.unreachable(new IllegalStateException("the sync route " + ConfigSyncRoute.ROUTE_ID
                    + " is not available: " + e.getMessage(), e));
        }
    }

    @Override
    public Optional<ConfigSyncOutcome> lastOutcome() {
        return syncer.lastOutcome();
    }

    @Override
    public long appliedRevision() {
        return syncer.state().revision();
    }

    /** The mode, as the connection's local configuration sets it. */
    RemoteConfigMode mode() {
        return syncer.mode();
    }

    /** How often to poll. */
    Duration pollInterval() {
        return connection.configPollInterval();
    }

    ConfigSyncer syncer() {
        return syncer;
    }

    UUID runtimeId() {
        return identity.runtimeId();
    }

    /** Waits until no other sync runs; the exchange's completion lets the next one in. */
    void enter(Exchange exchange) throws InterruptedException {
        oneAtATime.acquire();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                oneAtATime.release();
            }
        });
    }

    /** The report of an outcome, unless the control plane already has exactly that one. */
    Optional<ConfigReport> reportFor(ConfigSyncOutcome outcome) {
        ConfigReport report = ConfigReport.of(outcome, syncer.mode(), syncer.state(), hostname(), version);
        return report.equals(lastSent) ? Optional.empty() : Optional.of(report);
    }

    /** The control plane accepted a report. */
    void reported(ConfigReport report) {
        lastSent = report;
    }

    private String hostname() {
        if (hostname == null) {
            try {
                hostname = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                hostname = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
            }
        }
        return hostname;
    }
}
