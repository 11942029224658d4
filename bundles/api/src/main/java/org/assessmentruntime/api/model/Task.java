package org.assessmentruntime.api.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A scheduled step of a job (an OSCAL assessment-plan task): its activities run together whenever its
 * schedule fires.
 *
 * @param id         unique within its job; letters, digits, {@code . _ -}
 * @param title      what it does, for people
 * @param schedule   when it runs; {@link Schedule#MANUAL} when absent
 * @param activities what runs, at least one; ids unique
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Task(String id, String title, Schedule schedule, List<Activity> activities) {

    /** Validates and copies. */
    public Task {
        Check.id(id, "Task.id");
        Check.text(title, "Task.title");
        schedule = schedule == null ? Schedule.MANUAL : schedule;
        activities = Check.list(activities, "Task.activities");
        if (activities.isEmpty()) {
            throw new IllegalArgumentException("Task.activities of task '" + id + "' must not be empty");
        }
        Set<String> ids = new HashSet<>();
        for (Activity activity : activities) {
            if (!ids.add(activity.id())) {
                throw new IllegalArgumentException("Task.activities of task '" + id + "' has the id '"
                        + activity.id() + "' more than once");
            }
        }
    }

    /**
     * Looks up an activity of this task.
     *
     * @param activityId the activity's id
     * @return the activity, or empty if this task has none with that id
     */
    public Optional<Activity> activity(String activityId) {
        return activities.stream().filter(a -> a.id().equals(activityId)).findFirst();
    }
}
