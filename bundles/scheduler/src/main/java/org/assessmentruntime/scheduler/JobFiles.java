package org.assessmentruntime.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.api.model.Schedule.MissedRunPolicy;
import org.assessmentruntime.api.model.Task;
import org.assessmentruntime.scheduler.internal.Crons;
import org.assessmentruntime.scheduler.internal.Json;
import org.assessmentruntime.scheduler.internal.JsonErrors;
import org.assessmentruntime.scheduler.internal.MinimumInterval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads job files: one {@link JobDefinition} per JSON file, in the API's JSON shape (the control
 * plane's job shape), read strictly — an unknown or duplicated field is an error, not something
 * silently ignored, because a misspelt {@code "overlapp"} would otherwise change what the job does
 * without anyone noticing.
 *
 * <p>Every failure is a {@link JobFileException} naming the file and the field as a JSON path, e.g.
 * {@code etc/jobs/host-ssh.json: $.tasks[0].schedule.cron: '0 0 6 * *' has 5 fields; ...}. Beyond
 * the model's own validation, cron expressions are checked with the scheduler's cron parser.
 *
 * <p>A timed schedule must not fire more often than a minimum interval ({@link #MIN_INTERVAL} unless
 * the scheduler's {@code minIntervalSeconds} says more): an {@code interval} shorter than that, or a
 * cron expression with two fire times closer than that, is rejected naming the field.
 *
 * <p>A schedule that leaves out {@code timeZone} or {@code missedRuns} gets this reader's defaults
 * (the scheduler's configured ones), rather than the model's UTC and SKIP: local job files describe
 * this host, whose operator sets the defaults.
 *
 * <p>Thread-safe; usable outside OSGi (the CLI validates files with it).
 */
public final class JobFiles {

    /** Job files are the directory's files with this extension. */
    public static final String EXTENSION = ".json";

    /**
     * The shortest time between two timed runs of a task, unless configured longer: also the floor of
     * the scheduler's {@code minIntervalSeconds}.
     */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final ZoneId defaultTimeZone;
    private final MissedRunPolicy defaultMissedRuns;
    private final Duration minInterval;

    /** A reader with the model's defaults: cron expressions in UTC, missed runs skipped, {@link #MIN_INTERVAL}. */
    public JobFiles() {
        this(ZoneOffset.UTC, MissedRunPolicy.SKIP);
    }

    /**
     * A reader with the given defaults and the minimum interval {@link #MIN_INTERVAL}.
     *
     * @param defaultTimeZone   zone of cron expressions whose schedule names none
     * @param defaultMissedRuns missed-run policy of schedules that name none
     */
    public JobFiles(ZoneId defaultTimeZone, MissedRunPolicy defaultMissedRuns) {
        this(defaultTimeZone, defaultMissedRuns, MIN_INTERVAL);
    }

    /**
     * A reader with the given defaults and minimum interval.
     *
     * @param defaultTimeZone   zone of cron expressions whose schedule names none
     * @param defaultMissedRuns missed-run policy of schedules that name none
     * @param minInterval       shortest time allowed between two timed runs of a task; positive
     * @since 0.2
     */
    public JobFiles(ZoneId defaultTimeZone, MissedRunPolicy defaultMissedRuns, Duration minInterval) {
        this.defaultTimeZone = Objects.requireNonNull(defaultTimeZone, "defaultTimeZone");
        this.defaultMissedRuns = Objects.requireNonNull(defaultMissedRuns, "defaultMissedRuns");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("minInterval must be positive, got " + minInterval);
        }
    }

    /** The shortest time allowed between two timed runs of a task. */
    public Duration minInterval() {
        return minInterval;
    }

    /**
     * Whether a file is a job file by its name: ends with {@value #EXTENSION} and is not hidden (editors
     * keep their swap and backup files hidden next to the file being edited).
     *
     * @param file the file
     * @return whether the scheduler reads it
     */
    public static boolean isJobFile(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(EXTENSION) && !name.toString().startsWith(".");
    }

    /**
     * Reads and validates a job file.
     *
     * @param file the file
     * @return the job it defines
     * @throws JobFileException if it cannot be read or is not a valid job; the rejection names the field
     */
    public JobDefinition read(Path file) throws JobFileException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw reject(file, RejectedJobFile.ROOT, "cannot be read: " + e, e);
        }
        return parse(file, json);
    }

    /**
     * Validates a job file's content.
     *
     * @param file the file the content came from, for the messages
     * @param json the content
     * @return the job it defines
     * @throws JobFileException if it is not a valid job; the rejection names the field
     */
    public JobDefinition parse(Path file, byte[] json) throws JobFileException {
        try {
            return job(json);
        } catch (Invalid e) {
            throw new JobFileException(new RejectedJobFile(file, e.field, e.getMessage()), e.getCause());
        }
    }

    /**
     * Validates a job that comes from elsewhere than a file (the control plane's configuration), exactly
     * as a job file's content is validated: one reader, one set of messages, for every source of jobs.
     *
     * @param json one job as a JSON object
     * @return the job it defines
     * @throws IllegalArgumentException {@code <JSON path>: <what is wrong>}, e.g.
     *                                  {@code $.tasks[0].schedule.cron: ...}
     * @since 0.3
     */
    public JobDefinition parse(byte[] json) {
        try {
            return job(json);
        } catch (Invalid e) {
            throw new IllegalArgumentException(e.field + ": " + e.getMessage(), e.getCause());
        }
    }

    private JobDefinition job(byte[] json) throws Invalid {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Invalid(JsonErrors.field(e), JsonErrors.syntax(e), e);
        } catch (IOException e) {
            throw new Invalid(RejectedJobFile.ROOT, "cannot be read: " + e, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Invalid(RejectedJobFile.ROOT, "is empty; expected a JSON object with one job", null);
        }
        if (!tree.isObject()) {
            throw new Invalid(RejectedJobFile.ROOT, "must be a JSON object with one job, found "
                    + tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), null);
        }
        applyDefaults((ObjectNode) tree);
        JobDefinition job;
        try {
            job = Json.MAPPER.treeToValue(tree, JobDefinition.class);
        } catch (JsonProcessingException e) {
            throw new Invalid(JsonErrors.field(e), JsonErrors.message(e), e);
        }
        checkCrons(job);
        checkIntervals(job);
        return job;
    }

    /** Fills in the schedules' missing zone and missed-run policy, before the model puts its own. */
    private void applyDefaults(ObjectNode job) {
        if (!(job.get("tasks") instanceof ArrayNode tasks)) {
            return;
        }
        for (JsonNode task : tasks) {
            if (task.get("schedule") instanceof ObjectNode schedule) {
                if (!schedule.has("timeZone")) {
                    schedule.put("timeZone", defaultTimeZone.getId());
                }
                if (!schedule.has("missedRuns")) {
                    schedule.put("missedRuns", defaultMissedRuns.name());
                }
            }
        }
    }

    private static void checkCrons(JobDefinition job) throws Invalid {
        List<Task> tasks = job.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            String cron = tasks.get(i).schedule().cron();
            if (!cron.isEmpty()) {
                try {
                    Crons.parse(cron);
                } catch (IllegalArgumentException e) {
                    throw new Invalid("$.tasks[" + i + "].schedule.cron", e.getMessage(), e);
                }
            }
        }
    }

    private void checkIntervals(JobDefinition job) throws Invalid {
        List<Task> tasks = job.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            var violation = MinimumInterval.check(tasks.get(i).schedule(), minInterval);
            if (violation.isPresent()) {
                throw new Invalid("$.tasks[" + i + "].schedule." + violation.get().field(), violation.get().message(),
                        null);
            }
        }
    }

    private static JobFileException reject(Path file, String field, String message, Throwable cause) {
        return new JobFileException(new RejectedJobFile(file, field, message), cause);
    }

    /** A job that is not valid: the JSON path of the field at fault, and the message. */
    private static final class Invalid extends Exception {

        private static final long serialVersionUID = 1L;

        private final String field;

        Invalid(String field, String message, Throwable cause) {
            super(message, cause);
            this.field = field;
        }
    }
}
