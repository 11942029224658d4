package org.assessmentruntime.configuration.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.scheduler.JobFiles;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks an overlay as a whole before anything of it is applied. Overlay format (an RFC 7396 merge patch
 * over the runtime's remotely settable configuration):
 *
 * <pre>
 * {
 *   "config": { "&lt;pid&gt;": { "&lt;key&gt;": &lt;value&gt; | null, ... } | null, ... },
 *   "jobs":   { "&lt;jobId&gt;": &lt;job definition&gt; | null, ... }
 * }
 * </pre>
 *
 * <ul>
 * <li>{@code config}: PIDs of the runtime's components ({@code org.assessmentruntime.*}) except those
 * {@link RemotePolicy} keeps local; each key must be an attribute of the PID's metatype and each value a
 * JSON scalar (or an array of them, for multi-valued attributes) of the attribute's type that passes the
 * attribute's own validation. {@code null} (or leaving the key out) gives the key its local value back.
 * <li>{@code jobs}: each value a {@link JobDefinition} in the API's JSON shape, whose {@code id} (if given)
 * equals its key, read by the scheduler's own reader ({@link JobFiles}: same JSON paths and messages as
 * a job file's); an id that a local job file already uses is refused.
 * </ul>
 *
 * Every problem is collected, and any one rejects the whole overlay: half a configuration is worse than
 * the last good one.
 */
final class OverlayValidator {

    private static final Set<String> SECTIONS = Set.of("config", "jobs");

    /**
     * The model's schedule defaults (UTC, missed runs skipped), not the host's: the scheduler fills what
     * a local job file leaves out with this host's defaults, while a job from the control plane keeps its own.
     */
    private static final JobFiles JOBS = new JobFiles();

    private final Schemas schemas;

    OverlayValidator(Schemas schemas) {
        this.schemas = schemas;
    }

    /**
     * Validates an overlay.
     *
     * @param overlay     the overlay as the control plane sent it
     * @param localJobs   the jobs defined by local job files, with their file
     * @return the overlay ready to apply
     * @throws RejectedOverlay naming every problem
     */
    ValidatedOverlay validate(JsonNode overlay, Map<String, Path> localJobs) throws RejectedOverlay {
        List<String> problems = new ArrayList<>();
        if (overlay == null || !overlay.isObject()) {
            throw new RejectedOverlay(List.of("the overlay must be a JSON object with \"config\" and/or \"jobs\""));
        }
        overlay.fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                problems.add("unknown section '" + name + "'; an overlay has [config, jobs]");
            }
        });
        Map<String, Map<String, Object>> config = config(overlay.get("config"), problems);
        Map<String, JobDefinition> jobs = jobs(overlay.get("jobs"), localJobs, problems);
        if (!problems.isEmpty()) {
            throw new RejectedOverlay(problems);
        }
        JsonNode effective = Json.canonical(MergePatch.apply(JsonNodeFactory.instance.objectNode(), overlay));
        return new ValidatedOverlay(effective, config, jobs);
    }

    private Map<String, Map<String, Object>> config(JsonNode section, List<String> problems) {
        Map<String, Map<String, Object>> config = new LinkedHashMap<>();
        if (section == null || section.isNull()) {
            return config;
        }
        if (!section.isObject()) {
            problems.add("config must be an object of PIDs");
            return config;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String pid = entry.getKey();
            Optional<String> refused = RemotePolicy.refusePid(pid);
            if (refused.isPresent()) {
                problems.add("config." + pid + ": not remotely settable: " + refused.get());
                continue;
            }
            if (entry.getValue().isNull()) {
                continue;
            }
            if (!entry.getValue().isObject()) {
                problems.add("config." + pid + ": must be an object of keys and values");
                continue;
            }
            Optional<ObjectClassDefinition> definition = schemas.definition(pid);
            if (definition.isEmpty()) {
                problems.add("config." + pid + ": unknown PID (no component of this runtime declares it)");
                continue;
            }
            Map<String, Object> values = settings(pid, (ObjectNode) entry.getValue(), definition.get(), problems);
            if (!values.isEmpty()) {
                config.put(pid, values);
            }
        }
        return config;
    }

    private static Map<String, Object> settings(String pid, ObjectNode settings, ObjectClassDefinition definition,
            List<String> problems) {
        AttributeDefinition[] all = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        List<AttributeDefinition> attributes = all == null ? List.of() : Arrays.asList(all);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> setting = it.next();
            String key = setting.getKey();
            String at = "config." + pid + "." + key;
            Optional<String> refused = RemotePolicy.refuseKey(pid, key);
            if (refused.isPresent()) {
                problems.add(at + ": not remotely settable: " + refused.get());
                continue;
            }
            Optional<AttributeDefinition> attribute = attributes.stream().filter(a -> key.equals(a.getID())).findFirst();
            if (attribute.isEmpty()) {
                problems.add(at + ": unknown key; " + pid + " has " + attributes.stream().map(AttributeDefinition::getID)
                        .sorted().toList());
                continue;
            }
            JsonNode value = setting.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isObject() || value.isArray() && !scalars(value)) {
                problems.add(at + ": values are JSON scalars or arrays of scalars");
                continue;
            }
            try {
                values.put(key, SettingValues.convert(attribute.get(), value));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        return values;
    }

    private static boolean scalars(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode() || element.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JobDefinition> jobs(JsonNode section, Map<String, Path> localJobs,
            List<String> problems) {
        Map<String, JobDefinition> jobs = new LinkedHashMap<>();
        if (section == null || section.isNull()) {
            return jobs;
        }
        if (!section.isObject()) {
            problems.add("jobs must be an object of job ids");
            return jobs;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            String at = "jobs." + id;
            JsonNode job = entry.getValue();
            if (job.isNull()) {
                continue;
            }
            if (!job.isObject()) {
                problems.add(at + ": must be a job definition object");
                continue;
            }
            ObjectNode withId = ((ObjectNode) job).deepCopy();
            if (!withId.has("id")) {
                withId.put("id", id);
            } else if (!id.equals(withId.get("id").asText(null))) {
                problems.add(at + ": $.id: " + withId.get("id") + " differs from the job's key '" + id + "'");
                continue;
            }
            if (localJobs.containsKey(id)) {
                problems.add(at + ": a local job file (" + localJobs.get(id).getFileName() + ") defines this job id;"
                        + " local jobs are never replaced remotely");
                continue;
            }
            try {
                jobs.put(id, JOBS.parse(Json.MAPPER.writeValueAsString(withId).getBytes(StandardCharsets.UTF_8)));
            } catch (JsonProcessingException e) {
                problems.add(at + ": cannot be read: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        return jobs;
    }
}
