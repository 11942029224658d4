package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assessmentruntime.api.model.Activity;
import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.Schedule;
import org.assessmentruntime.api.model.Task;

/** Jobs and job files for the tests. */
final class Jobs {

    private Jobs() {
    }

    static Activity activity(String id) {
        return new Activity(id, "activity " + id, new PluginRef("examples/os-baseline", "^1.0"), null, null);
    }

    static Task task(String id, Schedule schedule, String... activityIds) {
        List<Activity> activities = new ArrayList<>();
        for (String a : activityIds.length == 0 ? new String[] { "a1" } : activityIds) {
            activities.add(activity(a));
        }
        return new Task(id, "task " + id, schedule, activities);
    }

    static JobDefinition job(String id, Task... tasks) {
        return new JobDefinition(id, "job " + id, null, null, null, List.of(tasks));
    }

    static JobDefinition every(String id, Duration interval, Schedule.OverlapPolicy overlap) {
        return job(id, task("t", new Schedule(null, interval, null, null, null, overlap, null)));
    }

    /** A job file's JSON with one task on a schedule given as JSON (e.g. {@code "cron": "* * * * * *"}). */
    static String json(String id, String scheduleJson) {
        return """
                {
                  "id": "%s",
                  "title": "job %s",
                  "tasks": [
                    {
                      "id": "t",
                      "title": "task t",
                      "schedule": { %s },
                      "activities": [
                        { "id": "a1", "title": "activity a1", "plugin": { "name": "examples/os-baseline", "version": "^1.0" } }
                      ]
                    }
                  ]
                }
                """.formatted(id, id, scheduleJson);
    }

    /** Writes a file whole, as an editor saving it would (aside, then renamed over it). */
    static Path write(Path dir, String name, String content) throws IOException {
        Path temp = Files.createTempFile(dir, ".", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        return Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
