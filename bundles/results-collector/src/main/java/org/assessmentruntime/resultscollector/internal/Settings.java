package org.assessmentruntime.resultscollector.internal;

import java.time.Duration;

/**
 * The collector's configuration, checked. The directory stays text here: resolving it may fail, and that
 * failure belongs in the collector's health, not in a configuration error that leaves it unregistered.
 *
 * @param dataDirectory  the configured directory, as in {@link CollectorConfig#dataDirectory()}
 * @param retention      how long delivered results are kept; {@link Duration#ZERO} for forever
 * @param maxStoreBytes  store size above which the collector is DEGRADED
 * @param backlogAlarm   pending results above which the collector is DEGRADED
 * @param sweepInterval  time between retention sweeps
 */
record Settings(String dataDirectory, Duration retention, long maxStoreBytes, long backlogAlarm,
        Duration sweepInterval) {

    /** The defaults of {@link CollectorConfig}: what a collector whose first configuration is invalid runs on. */
    static final Settings DEFAULTS = new Settings(DataDirectory.DEFAULT, Duration.ofDays(30), 512L << 20, 10_000,
            Duration.ofMinutes(60));

    /**
     * @param config the configuration
     * @return its settings
     * @throws IllegalArgumentException naming the setting out of its bounds
     */
    static Settings of(CollectorConfig config) {
        atLeast(config.retentionDays(), 0, "retentionDays");
        atLeast(config.maxStoreSizeMb(), 1, "maxStoreSizeMb");
        atLeast(config.backlogAlarmThreshold(), 1, "backlogAlarmThreshold");
        atLeast(config.sweepIntervalMinutes(), 1, "sweepIntervalMinutes");
        return new Settings(config.dataDirectory(), Duration.ofDays(config.retentionDays()),
                (long) config.maxStoreSizeMb() << 20, config.backlogAlarmThreshold(),
                Duration.ofMinutes(config.sweepIntervalMinutes()));
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
