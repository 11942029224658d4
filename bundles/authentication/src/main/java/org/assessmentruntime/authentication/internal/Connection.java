package org.assessmentruntime.authentication.internal;

import java.net.URI;
import java.time.Duration;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.assessmentruntime.api.RemoteConfigMode;

/** The published {@link ControlPlaneConnection}: the settings other components need, nothing secret. */
record Connection(URI baseUrl, Duration heartbeatInterval, Duration configPollInterval,
        RemoteConfigMode remoteConfigMode) implements ControlPlaneConnection {

    static Connection of(Settings settings) {
        return new Connection(settings.url().orElseThrow(), settings.heartbeatInterval(),
                settings.configPollInterval(), settings.remoteConfig());
    }
}
