package org.assessmentruntime.api;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This runtime instance's stable id: created once, kept in the data directory, and the same in every
 * heartbeat, result and config report, so the control plane recognises the instance across restarts
 * and upgrades.
 */
@ProviderType
public interface RuntimeIdentity {

    /** The instance id (the agent uuid the control plane knows). */
    UUID runtimeId();
}
