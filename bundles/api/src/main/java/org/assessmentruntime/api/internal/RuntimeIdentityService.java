package org.assessmentruntime.api.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import org.assessmentruntime.api.RuntimeIdentity;
import org.assessmentruntime.api.util.KarafPaths;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes the runtime's stable id ({@code runtime-id} in Karaf's data directory, through
 * {@link RuntimeIds}), the one the job runner stamps on every result and the heartbeat and the
 * configuration report, so that all name the same instance. It lives in the API bundle, which every
 * component already depends on, so that updating any one component leaves the others' identity in place.
 */
@Component(service = RuntimeIdentity.class)
public class RuntimeIdentityService implements RuntimeIdentity {

    private final UUID runtimeId;

    /** DS constructor: the id lives in Karaf's data directory ({@link KarafPaths#data()}). */
    @Activate
    public RuntimeIdentityService() throws IOException {
        this(KarafPaths.data());
    }

    RuntimeIdentityService(Path dataDir) throws IOException {
        this.runtimeId = UUID.fromString(RuntimeIds.load(dataDir));
    }

    @Override
    public UUID runtimeId() {
        return runtimeId;
    }

    @Override
    public String toString() {
        return "RuntimeIdentity[" + runtimeId + "]";
    }
}
