package org.assessmentruntime.camel.internal;

import java.util.Comparator;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.util.URISupport;
import org.assessmentruntime.api.RouteInfo;

/** Turns the context's routes into {@link RouteInfo}s. */
final class RouteSnapshots {

    private RouteSnapshots() {
    }

    /** Every route of the context, ordered by id. */
    static List<RouteInfo> of(CamelContext context) {
        ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return context.getRoutes().stream()
                .map(route -> of(context, route, managed == null ? null : managed.getManagedRoute(route.getRouteId())))
                .sorted(Comparator.comparing(RouteInfo::id))
                .toList();
    }

    private static RouteInfo of(CamelContext context, Route route, ManagedRouteMBean counters) {
        ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
        // URIs may carry passwords or tokens as query parameters (e.g. http with authPassword).
        String from = URISupport.sanitizeUri(route.getEndpoint().getEndpointUri());
        // Without JMX there are no counters; the route is still listed.
        long total = counters == null ? 0 : counters.getExchangesTotal();
        long failed = counters == null ? 0 : counters.getExchangesFailed();
        long inflight = counters == null ? 0 : counters.getExchangesInflight();
        return new RouteInfo(route.getRouteId(), status == null ? "Unknown" : status.name(), from,
                total, failed, inflight, route.getUptimeMillis());
    }
}
