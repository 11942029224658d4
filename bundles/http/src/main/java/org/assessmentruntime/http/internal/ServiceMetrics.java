package org.assessmentruntime.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.assessmentruntime.api.Authentication;
import org.assessmentruntime.api.AuthenticationStatus;
import org.assessmentruntime.api.Heartbeat;
import org.assessmentruntime.api.HeartbeatResult;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.RouteInfo;
import org.assessmentruntime.api.RouteInventory;
import org.assessmentruntime.api.ScheduledJob;
import org.assessmentruntime.api.Scheduler;
import org.assessmentruntime.api.model.DeliveryBacklog;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Figures the components' services answer from memory, read at each scrape: the delivery outbox, the
 * Camel routes' exchange counters, the access token's expiry, the last heartbeat and the scheduled jobs.
 * A service that is not there (standalone: no authentication or heartbeat; a bundle being updated)
 * leaves its metrics out rather than reporting zeros that would look like facts.
 */
final class ServiceMetrics implements MultiCollector {

    /** The services, each {@code null} while away. */
    record Sources(Supplier<ResultsCollector> collector, Supplier<RouteInventory> routes,
            Supplier<Authentication> authentication, Supplier<Heartbeat> heartbeat, Supplier<Scheduler> scheduler) {
    }

    private final Sources sources;
    private final Clock clock;

    ServiceMetrics(Sources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        Instant now = clock.instant();
        ResultsCollector collector = sources.collector().get();
        if (collector != null) {
            outbox(families, collector.backlog(), now);
        }
        RouteInventory routes = sources.routes().get();
        if (routes != null) {
            List<RouteInfo> all = routes.routes();
            // Standalone there are none; the count still says the Camel context answers.
            families.gauge("assessment_routes", "Camel routes in the runtime's context", all.size());
            all.forEach(route -> route(families, route));
        }
        Authentication authentication = sources.authentication().get();
        if (authentication != null) {
            token(families, authentication.status(), now);
        }
        Heartbeat heartbeat = sources.heartbeat().get();
        if (heartbeat != null) {
            heartbeat.lastBeat().ifPresent(beat -> heartbeat(families, beat, now));
        }
        Scheduler scheduler = sources.scheduler().get();
        if (scheduler != null) {
            long enabled = scheduler.jobs().stream().filter(ScheduledJob::enabled).count();
            long all = scheduler.jobs().size();
            families.gauge("assessment_jobs", "scheduled jobs by state", enabled, "state", "enabled")
                    .gauge("assessment_jobs", "scheduled jobs by state", all - enabled, "state", "disabled");
        }
        return families.build();
    }

    private static void outbox(Families families, DeliveryBacklog backlog, Instant now) {
        families.gauge("assessment_outbox_pending", "results waiting for delivery to the control plane",
                backlog.pending());
        families.gauge("assessment_outbox_parked", "results the control plane refused, parked for an operator",
                backlog.parked());
        if (backlog.oldestPending() != null) {
            families.gauge("assessment_outbox_oldest_pending_age_seconds", "age of the oldest result waiting for "
                    + "delivery", seconds(Duration.between(backlog.oldestPending(), now)));
        }
    }

    private static void route(Families families, RouteInfo route) {
        families.counter("assessment_route_exchanges", "exchanges a Camel route completed", route.exchangesTotal(),
                "route", route.id());
        families.counter("assessment_route_exchanges_failed", "exchanges of a Camel route that ended in failure",
                route.exchangesFailed(), "route", route.id());
        families.gauge("assessment_route_exchanges_inflight", "exchanges a Camel route has in progress",
                route.exchangesInflight(), "route", route.id());
        families.gauge("assessment_route_started", "1 when a Camel route is started",
                "Started".equals(route.state()) ? 1 : 0, "route", route.id());
    }

    private static void token(Families families, AuthenticationStatus status, Instant now) {
        families.gauge("assessment_auth_configured", "1 when client credentials are configured",
                status.configured() ? 1 : 0);
        if (status.tokenExpiresAt() != null) {
            families.gauge("assessment_auth_token_expiry_seconds", "seconds until the access token expires "
                    + "(negative: expired)", seconds(Duration.between(now, status.tokenExpiresAt())));
        }
        families.gauge("assessment_auth_failing", "1 when the last attempt to obtain a token failed",
                status.lastError().isEmpty() ? 0 : 1);
    }

    private static void heartbeat(Families families, HeartbeatResult beat, Instant now) {
        families.gauge("assessment_heartbeat_seconds_since_last", "seconds since the last heartbeat was sent",
                seconds(Duration.between(beat.at(), now)));
        families.gauge("assessment_heartbeat_last_delivered", "1 when the control plane accepted the last heartbeat",
                beat.delivered() ? 1 : 0);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
