package org.assessmentruntime.api;

import org.osgi.annotation.versioning.ProviderType;

/** Collects every component's status; used by the shell, and later by JMX and the heartbeat. */
@ProviderType
public interface StatusService {

    /** The runtime's status now. */
    RuntimeStatus status();
}
