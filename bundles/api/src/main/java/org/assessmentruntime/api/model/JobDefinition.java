package org.assessmentruntime.api.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An assessment job: the tasks that check one control of one component, as part of an assessment
 * plan. Jobs come from the control plane (through configuration sync) or from local configuration;
 * the ids tie every result back to the plan, component and control the control plane knows.
 *
 * @param id          stable id; letters, digits, {@code . _ -}
 * @param title       what the job assesses, for people
 * @param planId      the control plane's assessment plan this job carries out; empty when none
 * @param componentId the control plane's component under assessment; empty when none
 * @param controlId   the control assessed (e.g. {@code ac-2}); empty when none. Findings that name no
 *                    control of their own are about this one
 * @param tasks       the job's tasks, at least one; ids unique
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobDefinition(String id, String title, String planId, String componentId, String controlId,
        List<Task> tasks) {

    /** Validates and copies. */
    public JobDefinition {
        Check.id(id, "JobDefinition.id");
        Check.text(title, "JobDefinition.title");
        planId = Check.optional(planId);
        componentId = Check.optional(componentId);
        controlId = Check.optional(controlId);
        tasks = Check.list(tasks, "JobDefinition.tasks");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("JobDefinition.tasks of job '" + id + "' must not be empty");
        }
        Set<String> ids = new HashSet<>();
        for (Task task : tasks) {
            if (!ids.add(task.id())) {
                throw new IllegalArgumentException("JobDefinition.tasks of job '" + id + "' has the id '"
                        + task.id() + "' more than once");
            }
        }
    }

    /**
     * Looks up a task of this job.
     *
     * @param taskId the task's id
     * @return the task, or empty if this job has none with that id
     */
    public Optional<Task> task(String taskId) {
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst();
    }
}
