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
}
