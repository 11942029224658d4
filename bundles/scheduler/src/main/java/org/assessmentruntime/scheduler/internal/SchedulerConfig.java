package org.assessmentruntime.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the scheduler (PID {@code org.assessmentruntime.scheduler}); every change applies live. */
@ObjectClassDefinition(name = "Assessment Runtime Scheduler",
        description = "Where job files are read from, how many runs proceed at once, and the defaults of job files.")
public @interface SchedulerConfig {

    /** Directory of job files; empty means {@code ${karaf.etc}/jobs}. */
    @AttributeDefinition(required = false, description = "Directory watched for *.json job files; "
            + "empty for ${karaf.etc}/jobs. Created when missing.")
    String jobsDirectory() default "";

    /** Runs of different jobs that may proceed at the same time; a job never overlaps itself anyway. */
    @AttributeDefinition(min = "1", description = "Runs (of different jobs) that may proceed at the same time; "
            + "further runs wait.")
    int workerPoolSize() default 2;

    /** Zone of the cron expressions of job files whose schedule names none. */
    @AttributeDefinition(description = "Time zone of cron expressions in job files whose schedule has no "
            + "timeZone: a zone id such as UTC or Europe/Berlin, or 'system' for the host's zone. Jobs from the "
            + "control plane keep their own zone (UTC when they name none).")
    String defaultTimeZone() default "UTC";

    /** Missed-run policy of job files whose schedule names none. */
    @AttributeDefinition(description = "What happens at start-up to timed runs missed while the runtime was down, "
            + "for job files whose schedule has no missedRuns: SKIP waits for the next fire time, RUN_ONCE runs "
            + "once (also when the task never ran).", options = {
                @org.osgi.service.metatype.annotations.Option(label = "Skip", value = "SKIP"),
                @org.osgi.service.metatype.annotations.Option(label = "Run once", value = "RUN_ONCE") })
    String defaultMissedRuns() default "SKIP";

    /** Runs of a job that may wait for its previous run (overlap policy QUEUE). */
    @AttributeDefinition(min = "0", description = "Timed or change-triggered runs of a job that may wait while its "
            + "previous run is still going (tasks with overlap QUEUE); further ones are skipped. Runs asked for "
            + "with run-now always wait.")
    int maxQueuedRuns() default 1;

    /** How long a run waits for a job runner that is away, e.g. while its bundle is updated. */
    @AttributeDefinition(min = "0", description = "Seconds a timed, change-triggered or run-now run waits for the "
            + "job runner while it is away (its bundle or one it needs being updated or restarted), counted from "
            + "the fire time; every fire time of a QUEUE task is kept meanwhile and run in order once it is back. "
            + "A run still without a runner after this is skipped (a run-now fails).")
    long runnerWaitSeconds() default 60;

    /** The shortest time between two timed runs of a task; local only (the control plane may not change it). */
    @AttributeDefinition(min = "1", description = "Seconds that must at least pass between two timed runs of a task: "
            + "a job whose interval is shorter, or whose cron expression fires closer together, is rejected naming "
            + "the field. At least 1. Local only: remote configuration may not change it.")
    long minIntervalSeconds() default 1;
}
