package org.assessmentruntime.jobrunner.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the job runner (PID {@code org.assessmentruntime.jobrunner}). The ceilings and the
 * grant policy are the operator's and local: the control plane's remote configuration may not change
 * them. A value out of its bounds rejects the whole change: the runner keeps the settings it had.
 */
@ObjectClassDefinition(name = "Assessment Runtime Job Runner",
        description = "Runs a job's activities: resolves the plugin, builds the context, enforces the operator's "
                + "caps on the plugin's limits and the operator's policy on its grants, and stores every result.")
public @interface JobRunnerConfig {

    /** Operator's cap on any plugin's wall-clock time; plugins may ask for less, never more. */
    @AttributeDefinition(description = "Longest a plugin run may take, in seconds (caps the plugin's own limit); "
            + "1 to " + RunnerSettings.MAX_TIMEOUT_SECONDS + ".", min = "1",
            max = "" + RunnerSettings.MAX_TIMEOUT_SECONDS)
    long maxTimeoutSeconds() default 300;

    /** Operator's cap on any plugin's linear memory. */
    @AttributeDefinition(description = "Most linear memory a plugin run may use, in MiB (caps the plugin's own "
            + "limit); 1 to " + RunnerSettings.MAX_MEMORY_MIB + ".", min = "1",
            max = "" + RunnerSettings.MAX_MEMORY_MIB)
    long maxMemoryMiB() default 256;

    /** Operator's cap on a plugin's stdout (its result document). */
    @AttributeDefinition(description = "Largest result document a plugin may write, in KiB; 1 to "
            + RunnerSettings.MAX_STDOUT_KIB + ".", min = "1", max = "" + RunnerSettings.MAX_STDOUT_KIB)
    long maxStdoutKiB() default 4096;

    /** Operator's cap on the stderr kept as logs. */
    @AttributeDefinition(description = "Most stderr kept as the run's logs, in KiB; 1 to "
            + RunnerSettings.MAX_STDERR_KIB + ".", min = "1", max = "" + RunnerSettings.MAX_STDERR_KIB)
    long maxStderrKiB() default 1024;

    /** How long a run waits for a service of the runner that is away, e.g. while its bundle is updated. */
    @AttributeDefinition(min = "0", max = "" + RunnerSettings.MAX_SERVICE_WAIT_SECONDS,
            description = "Seconds a run waits for the executor, plugin manager or plugin store, and a result for "
            + "the results collector, while one is away (its bundle being updated or restarted); also how long a "
            + "stopping runner lets its runs in progress finish. Past it, a run is an INTERNAL error result, and a "
            + "result with no collector to take it is not stored (logged as an error). 0 to "
            + RunnerSettings.MAX_SERVICE_WAIT_SECONDS + ".")
    long serviceWaitSeconds() default 60;

    /** Host directories plugins may be granted: deny by default. */
    @AttributeDefinition(description = "Comma-separated absolute host directories a plugin may be granted: a "
            + "directory its manifest asks for must be one of them or lie within one, else the plugin is rejected "
            + "(PLUGIN_REJECTED). Empty: none. Never granted, whatever this says: the file-system root, /proc, /sys, "
            + "Karaf's etc and data directories, the control plane's secret, key and certificate files, and "
            + "anything that contains them. Local only.")
    String allowedDirectories() default "";

    /** Environment variables plugins may be granted: deny by default. */
    @AttributeDefinition(description = "Comma-separated environment variable names (or prefix patterns such as "
            + "LC_*) a plugin may be granted; a variable its manifest asks for that is not among them rejects the "
            + "plugin (PLUGIN_REJECTED). Empty: none. Never granted: ASSESSMENT_*, CCF_*, KARAF_*, JAVA_*. "
            + "Local only.")
    String allowedEnv() default "";
}
