package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.scheduler.JobFiles;
import org.assessmentruntime.scheduler.RejectedJobFile;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The jobs scheduled through the {@link org.assessmentruntime.api.Scheduler} API (the control plane's
 * jobs), kept in the scheduler's state directory so that they survive a restart as job files do: one
 * {@code job-<id>.json} each, owner-only ({@link StateFiles}). The prefix keeps every name a plain,
 * visible file whatever the id ({@code ..} included).
 *
 * <p>Written with every schedule and unschedule; read back at start with {@link JobFiles}, the one
 * reader of job JSON. A job's schedule is written whole (zone and missed-run policy included), so the
 * host's defaults never change what the caller asked for.
 */
final class KeptJobs {

    private static final String PREFIX = "job-";

    private final Path directory;
    private final ObjectWriter writer = Json.MAPPER.writer()
            .without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .without(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .with(SerializationFeature.INDENT_OUTPUT);

    KeptJobs(Path directory) {
        this.directory = directory;
    }

    /** What a start finds: the jobs that read back, and the files that did not. */
    record Loaded(Map<String, JobDefinition> jobs, List<RejectedJobFile> rejected) {
    }

    /** Reads every kept job; a file that is not a valid job (any more) is reported, not dropped. */
    Loaded load(JobFiles reader) throws IOException {
        Map<String, JobDefinition> jobs = new TreeMap<>();
        List<RejectedJobFile> rejected = new ArrayList<>();
        for (Path file : files()) {
            try {
                JobDefinition job = reader.read(file);
                if (file.equals(fileOf(job.id()))) {
                    jobs.put(job.id(), job);
                } else {
                    rejected.add(new RejectedJobFile(file, "$.id", "'" + job.id() + "' does not match the file name"));
                }
            } catch (org.assessmentruntime.scheduler.JobFileException e) {
                rejected.add(e.rejection());
            }
        }
        return new Loaded(jobs, rejected);
    }

    /** Keeps a job, replacing its previous version. */
    void put(JobDefinition job) throws IOException {
        StateFiles.write(fileOf(job.id()), writer.writeValueAsBytes(job));
    }

    /** Forgets a job; nothing happens when it was not kept. */
    void remove(String jobId) throws IOException {
        Files.deleteIfExists(fileOf(jobId));
    }

    Path fileOf(String jobId) {
        return directory.resolve(PREFIX + jobId + JobFiles.EXTENSION);
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*" + JobFiles.EXTENSION)) {
            entries.forEach(files::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        files.sort(null);
        return files;
    }
}
