package org.assessmentruntime.resultscollector.internal.kafka;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;

/** Adds a builder's routes straight to a context and removes exactly those, as the Camel bundle does. */
final class TestPublisher implements RoutePublisher {

    private final CamelContext camel;

    TestPublisher(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Runnable publish(RoutesBuilder builder) {
        Set<String> before = ids();
        try {
            camel.addRoutes(builder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> added = new ArrayList<>(ids());
        added.removeAll(before);
        return () -> {
            for (String id : added) {
                try {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** The ids of the routes in the context. */
    Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route route : camel.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }
}
