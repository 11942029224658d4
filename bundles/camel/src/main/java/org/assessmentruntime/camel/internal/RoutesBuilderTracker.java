package org.assessmentruntime.camel.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the routes of {@link RoutesBuilder} services to the running context and removes exactly those
 * routes again when the service goes away.
 *
 * <p>A builder's routes are the ids that appear in the context while its routes are added. All changes
 * go through this class, under one lock, so no other builder's routes can appear in between; routes
 * added by code that uses the CamelContext service directly are not tracked.
 */
final class RoutesBuilderTracker {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesBuilderTracker.class);

    private final CamelContext context;
    private final ClassLoader loader;
    private final Map<RoutesBuilder, List<String>> routeIds = new IdentityHashMap<>();
    private boolean closed;

    RoutesBuilderTracker(CamelContext context, ClassLoader loader) {
        this.context = context;
        this.loader = loader;
    }

    /** Adds the builder's routes; on failure logs, removes whatever it had half-added, and goes on. */
    synchronized void add(RoutesBuilder builder) {
        if (closed || routeIds.containsKey(builder)) {
            return;
        }
        Set<String> before = currentIds();
        try {
            ClassLoaders.withContextClassLoader(loader, () -> {
                rejectTakenIds(builder, before);
                context.addRoutes(builder);
                return null;
            });
        } catch (Exception | LinkageError e) {
            LOG.error("Could not add the routes of {}; its routes are not running", name(builder), e);
            removeRoutes(builder, addedSince(before));
            return;
        }
        List<String> added = addedSince(before);
        routeIds.put(builder, added);
        LOG.info("Added routes {} of {}", added, name(builder));
    }

    /** Stops and removes the routes the builder added. */
    synchronized void remove(RoutesBuilder builder) {
        List<String> ids = routeIds.remove(builder);
        if (ids == null || closed) {
            return;
        }
        removeRoutes(builder, ids);
        LOG.info("Removed routes {} of {}", ids, name(builder));
    }

    /** Forgets every builder; called once the context is stopping, which removes the routes itself. */
    synchronized void close() {
        closed = true;
        routeIds.clear();
    }

    /**
     * Adding a route whose id is already taken would silently replace another builder's route, so a
     * {@link RouteBuilder} is configured first and refused when one of its explicit ids is in use.
     */
    private void rejectTakenIds(RoutesBuilder builder, Set<String> taken) throws Exception {
        if (builder instanceof RouteBuilder routeBuilder) {
            List<String> clashes = routeBuilder.configureRoutes(context).getRoutes().stream()
                    .map(RouteDefinition::getRouteId)
                    .filter(Objects::nonNull)
                    .filter(taken::contains)
                    .toList();
            if (!clashes.isEmpty()) {
                throw new IllegalStateException("Route ids already in use: " + clashes);
            }
        }
    }

    private void removeRoutes(RoutesBuilder builder, List<String> ids) {
        for (String id : ids) {
            try {
                ClassLoaders.withContextClassLoader(loader, () -> {
                    context.getRouteController().stopRoute(id);
                    return context.removeRoute(id);
                });
            } catch (Exception e) {
                LOG.warn("Could not remove route {} of {}", id, name(builder), e);
            }
        }
    }

    private Set<String> currentIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route route : context.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    private List<String> addedSince(Set<String> before) {
        List<String> added = new ArrayList<>(currentIds());
        added.removeAll(before);
        return added;
    }

    private static String name(RoutesBuilder builder) {
        return builder.getClass().getName();
    }
}
