package org.assessmentruntime.authentication.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;

/** Does what the runtime's Camel whiteboard does with the published route builders, on a test context. */
final class CamelPublisher implements Publisher {

    private final CamelContext camel;
    final AtomicInteger published = new AtomicInteger();
    final AtomicInteger withdrawn = new AtomicInteger();
    volatile ControlPlaneConnection connection;

    CamelPublisher(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Runnable publish(ControlPlaneConnection connection, List<RoutesBuilder> routes) {
        Set<String> before = ids();
        try {
            for (RoutesBuilder route : routes) {
                camel.addRoutes(route);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> added = new ArrayList<>(ids());
        added.removeAll(before);
        this.connection = connection;
        published.incrementAndGet();
        return () -> {
            this.connection = null;
            for (String id : added) {
                try {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            withdrawn.incrementAndGet();
        };
    }

    Set<String> ids() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
    }
}
