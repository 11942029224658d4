package org.assessmentruntime.api.model;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a plugin run receives: the JSON document on the plugin's stdin. It carries everything a plugin
 * needs to know about its run, so that a plugin is a pure function of its stdin and the directories it
 * was granted.
 *
 * @param abiVersion    the ABI this document follows, {@link #ABI_VERSION}
 * @param runId         this run; the result carries it too
 * @param jobId         the job
 * @param taskId        the task within the job
 * @param activityId    the activity within the task
 * @param planId        the job's assessment plan; empty when none
 * @param componentId   the job's component; empty when none
 * @param controlId     the job's control; empty when none
 * @param configuration the activity's configuration, already validated against the plugin's schema
 * @param target        what to assess; {@code null} for the host the runtime runs on
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobContext(int abiVersion, UUID runId, String jobId, String taskId, String activityId, String planId,
        String componentId, String controlId, Map<String, Object> configuration, Target target) {

    /**
     * The plugin ABI this runtime speaks: stdin carries a {@code JobContext}, stdout a
     * {@link PluginOutput}, exit code 0 means the output is to be read. Raised only for changes a
     * plugin built for the previous version would misread.
     */
    public static final int ABI_VERSION = 1;

    /** Validates and copies. */
    public JobContext {
        if (abiVersion < 1) {
            throw new IllegalArgumentException("JobContext.abiVersion is required (1 or higher), got " + abiVersion);
        }
        Check.required(runId, "JobContext.runId");
        Check.id(jobId, "JobContext.jobId");
        Check.id(taskId, "JobContext.taskId");
        Check.id(activityId, "JobContext.activityId");
        planId = Check.optional(planId);
        componentId = Check.optional(componentId);
        controlId = Check.optional(controlId);
        configuration = Check.json(configuration, "JobContext.configuration");
    }

    /**
     * The context of one run of an activity, at the current {@link #ABI_VERSION}.
     *
     * @param runId    the run
     * @param job      the job
     * @param task     the task, one of the job's
     * @param activity the activity, one of the task's
     * @return the context
     */
    public static JobContext of(UUID runId, JobDefinition job, Task task, Activity activity) {
        return new JobContext(ABI_VERSION, runId, job.id(), task.id(), activity.id(), job.planId(), job.componentId(),
                job.controlId(), activity.configuration(), activity.target());
    }
}
