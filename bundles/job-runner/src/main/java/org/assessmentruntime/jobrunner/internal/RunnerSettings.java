package org.assessmentruntime.jobrunner.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.jobrunner.GrantPolicy;

/**
 * The job runner's settings in effect, validated as a whole: a configuration with a value out of its
 * bounds is rejected entire, so that the runner never runs on half a change.
 *
 * <p>The bounds keep a configuration (a typo, or a remote overlay that got through) from lifting the
 * ceilings out of reach: a run of 2^31 seconds or MiB is no limit at all.
 *
 * @param caps        the operator's caps on every plugin's limits
 * @param serviceWait how long a run waits for a service that is away
 * @param policy      the operator's allow-list of grants (the runtime's protected paths are added per run)
 */
record RunnerSettings(ResourceLimits caps, Duration serviceWait, GrantPolicy policy) {

    static final long MAX_TIMEOUT_SECONDS = 3600;
    static final long MAX_MEMORY_MIB = 4096;
    static final long MAX_STDOUT_KIB = 64 * 1024;
    static final long MAX_STDERR_KIB = 16 * 1024;
    static final long MAX_SERVICE_WAIT_SECONDS = 3600;

    /** The defaults of {@link JobRunnerConfig}: what a runner whose first configuration is invalid runs on. */
    static final RunnerSettings DEFAULTS = new RunnerSettings(new ResourceLimits(Duration.ofSeconds(300), 256L << 20,
            4096L << 10, 1024L << 10), Duration.ofSeconds(60), GrantPolicy.denyAll());

    /**
     * @param config the configuration
     * @return its settings
     * @throws IllegalArgumentException naming every setting out of its bounds
     */
    static RunnerSettings of(JobRunnerConfig config) {
        List<String> problems = new ArrayList<>();
        bounded("maxTimeoutSeconds", config.maxTimeoutSeconds(), 1, MAX_TIMEOUT_SECONDS, problems);
        bounded("maxMemoryMiB", config.maxMemoryMiB(), 1, MAX_MEMORY_MIB, problems);
        bounded("maxStdoutKiB", config.maxStdoutKiB(), 1, MAX_STDOUT_KIB, problems);
        bounded("maxStderrKiB", config.maxStderrKiB(), 1, MAX_STDERR_KIB, problems);
        bounded("serviceWaitSeconds", config.serviceWaitSeconds(), 0, MAX_SERVICE_WAIT_SECONDS, problems);
        GrantPolicy policy = null;
        try {
            policy = GrantPolicy.allowing(list(config.allowedDirectories()), list(config.allowedEnv()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new RunnerSettings(new ResourceLimits(Duration.ofSeconds(config.maxTimeoutSeconds()),
                config.maxMemoryMiB() << 20, config.maxStdoutKiB() << 10, config.maxStderrKiB() << 10),
                Duration.ofSeconds(config.serviceWaitSeconds()), policy);
    }

    private static void bounded(String name, long value, long min, long max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(name + " must be " + min + " to " + max + ", got " + value);
        }
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.asList(commaSeparated.split(","));
    }
}
