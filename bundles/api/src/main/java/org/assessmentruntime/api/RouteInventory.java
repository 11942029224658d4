package org.assessmentruntime.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The routes running in the runtime's Camel context. Provided by the Camel bundle so that nothing
 * else has to depend on Camel to show them.
 */
@ProviderType
public interface RouteInventory {

    /** Every route, ordered by id. */
    List<RouteInfo> routes();
}
