package org.assessmentruntime.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by every component and registered as a service with the property
 * {@value ComponentId#SERVICE_PROPERTY} set to its {@link ComponentId#id()}, so that
 * {@code assessment:status} can show it.
 *
 * <p>Implementations answer from state they already hold: {@link #health()} is called from the shell
 * and from the heartbeat and must not block on I/O.
 */
@ConsumerType
public interface HealthIndicator {

    /** The component's health now. */
    ComponentHealth health();
}
