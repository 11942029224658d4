package org.assessmentruntime.jobrunner.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the job runner (PID {@code org.assessmentruntime.jobrunner}). */
@ObjectClassDefinition(name = "Assessment Runtime Job Runner",
        description = "Runs a job's activities: resolves the plugin, builds the context, enforces the operator's "
                + "caps on the plugin's limits, and stores every result.")
public @interface JobRunnerConfig {

    /** Operator's cap on any plugin's wall-clock time; plugins may ask for less, never more. */
    @AttributeDefinition(description = "Longest a plugin run may take, in seconds (caps the plugin's own limit).",
            min = "1")
    long maxTimeoutSeconds() default 300;

    /** Operator's cap on any plugin's linear memory. */
    @AttributeDefinition(description = "Most linear memory a plugin run may use, in MiB (caps the plugin's own "
            + "limit).", min = "1")
    long maxMemoryMiB() default 256;

    /** Operator's cap on a plugin's stdout (its result document). */
    @AttributeDefinition(description = "Largest result document a plugin may write, in KiB.", min = "1")
    long maxStdoutKiB() default 4096;

    /** Operator's cap on the stderr kept as logs. */
    @AttributeDefinition(description = "Most stderr kept as the run's logs, in KiB.", min = "1")
    long maxStderrKiB() default 1024;

    /** How long a run waits for a service of the runner that is away, e.g. while its bundle is updated. */
    @AttributeDefinition(min = "0", description = "Seconds a run waits for the executor, plugin manager or plugin "
            + "store, and a result for the results collector, while one is away (its bundle being updated or "
            + "restarted); also how long a stopping runner lets its runs in progress finish. Past it, a run is an "
            + "INTERNAL error result, and a result with no collector to take it is lost (logged as an error).")
    long serviceWaitSeconds() default 60;
}
