package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assessmentruntime.api.model.JobDefinition;
import org.assessmentruntime.scheduler.JobFileException;
import org.assessmentruntime.scheduler.JobFiles;
import org.assessmentruntime.scheduler.RejectedJobFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the jobs of a directory of job files scheduled: reads every file, schedules the jobs that are
 * new or changed, unschedules those whose file went away, and rejects invalid files without touching
 * the others.
 *
 * <p>A file that was valid and is then edited into an invalid one is rejected, and the job's last valid
 * version keeps running: a typo must not silently stop a compliance check. Two files with the same job
 * id: the file that had the id first keeps it, across rescans and restarts ({@link JobOwners}); the other
 * is rejected naming both, and takes over once the first is removed or gives the id up. When neither had
 * it before, the first by file name wins.
 */
final class JobFileSync implements AutoCloseable {

    /** Where the jobs go. */
    interface Sink {
        /** Schedules a new or changed job. */
        void apply(JobDefinition job);

        /** Unschedules a job whose file went away, unless it was replaced by other means since. */
        void remove(JobDefinition job);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobFileSync.class);

    private final Path directory;
    private final Sink sink;
    private final JobOwners owned;
    private volatile JobFiles files;
    private Map<Path, JobDefinition> loaded = Map.of();
    private volatile List<RejectedJobFile> rejected = List.of();
    private volatile Map<String, Path> fileOfJob = Map.of();
    private volatile String problem = "";
    private PathWatcher.Watch watch;

    JobFileSync(Path directory, JobFiles files, JobOwners owned, Sink sink) {
        this.directory = directory;
        this.files = files;
        this.owned = owned;
        this.sink = sink;
    }

    /** Reads the directory and watches it from now on; creates it when missing. */
    void start(PathWatcher watcher) {
        try {
            Files.createDirectories(directory);
            watch = watcher.watch(directory, this::scan);
        } catch (IOException e) {
            problem = "cannot watch " + directory + ": " + e;
            LOG.warn("Cannot watch the job directory {}; job files are read now and not again: {}", directory,
                    e.toString());
        }
        scan();
    }

    /** Reads the directory again with other defaults (the scheduler's configuration changed). */
    void reconfigure(JobFiles newFiles) {
        this.files = newFiles;
        scan();
    }

    /** Reads every job file and brings the schedules in line with them. */
    synchronized void scan() {
        List<Path> paths;
        try {
            paths = list();
        } catch (IOException e) {
            problem = "cannot list " + directory + ": " + e;
            LOG.warn("Cannot list the job directory {}; the jobs stay as they are: {}", directory, e.toString());
            return;
        }
        // The job each file stands for, in file-name order: what it says now, or its last valid version.
        Map<Path, JobDefinition> claims = new LinkedHashMap<>();
        Map<Path, RejectedJobFile> invalid = new HashMap<>();
        for (Path path : paths) {
            try {
                claims.put(path, files.read(path));
            } catch (JobFileException e) {
                invalid.put(path, e.rejection());
                JobDefinition previous = loaded.get(path);
                if (previous != null && fitsMinimum(previous)) {
                    claims.put(path, previous);
                }
            }
        }
        Map<String, Path> owners = owners(claims);
        Map<Path, JobDefinition> current = new LinkedHashMap<>();
        List<RejectedJobFile> rejects = new ArrayList<>();
        for (Path path : paths) {
            JobDefinition job = claims.get(path);
            RejectedJobFile rejection = invalid.get(path);
            boolean owns = job != null && owners.get(job.id()).equals(path);
            if (owns) {
                current.put(path, job);
            } else if (rejection == null) {
                rejection = new RejectedJobFile(path, "$.id", "job id '" + job.id() + "' is already defined in "
                        + owners.get(job.id()).getFileName() + ", which had it first; give this job another id");
            }
            if (rejection != null) {
                rejects.add(rejection);
                if (owns) {
                    LOG.warn("Rejected job file {}; the last valid version of job '{}' keeps running",
                            rejection.describe(), job.id());
                } else {
                    LOG.warn("Rejected job file {}", rejection.describe());
                }
            }
        }
        apply(current, rejects);
        loaded = current;
        rejected = List.copyOf(rejects);
        Map<String, Path> byJob = new HashMap<>();
        current.forEach((path, job) -> byJob.put(job.id(), path));
        fileOfJob = Map.copyOf(byJob);
        owned.update(byJob);
        problem = watch == null ? problem : "";
    }

    /**
     * One file per job id: the file on record as its owner while that file still defines it (the first
     * owner keeps an id, see {@link JobOwners}), else the first by file name.
     */
    private Map<String, Path> owners(Map<Path, JobDefinition> claims) {
        Map<String, List<Path>> claimants = new HashMap<>();
        claims.forEach((path, job) -> claimants.computeIfAbsent(job.id(), id -> new ArrayList<>()).add(path));
        Map<String, Path> owners = new HashMap<>();
        claimants.forEach((id, files) -> owners.put(id,
                owned.owner(id).filter(files::contains).orElse(files.get(0))));
        return owners;
    }

    /** Whether a job's last valid version still meets the minimum interval, which may have been raised since. */
    private boolean fitsMinimum(JobDefinition job) {
        return job.tasks().stream().allMatch(t -> MinimumInterval.check(t.schedule(), files.minInterval()).isEmpty());
    }

    private void apply(Map<Path, JobDefinition> current, List<RejectedJobFile> rejects) {
        Map<String, JobDefinition> before = byId(loaded);
        Map<String, JobDefinition> after = byId(current);
        before.forEach((id, job) -> {
            if (!after.containsKey(id)) {
                LOG.info("Job file of job '{}' is gone; unscheduling it", id);
                sink.remove(job);
            }
        });
        for (var it = current.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, JobDefinition> entry = it.next();
            JobDefinition job = entry.getValue();
            if (!job.equals(before.get(job.id()))) {
                try {
                    sink.apply(job);
                    LOG.info("Scheduled job '{}' from {}", job.id(), entry.getKey());
                } catch (IllegalArgumentException e) {
                    // JobFiles checks what the scheduler checks, so this is a safety net only.
                    rejects.add(new RejectedJobFile(entry.getKey(), RejectedJobFile.ROOT, e.getMessage()));
                    LOG.warn("Rejected job file {}: {}", entry.getKey(), e.getMessage());
                    it.remove();
                }
            }
        }
        rejects.sort(Comparator.comparing(RejectedJobFile::file));
    }

    private static Map<String, JobDefinition> byId(Map<Path, JobDefinition> jobs) {
        Map<String, JobDefinition> byId = new HashMap<>();
        jobs.values().forEach(job -> byId.put(job.id(), job));
        return byId;
    }

    private List<Path> list() throws IOException {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (JobFiles.isJobFile(entry) && Files.isRegularFile(entry)) {
                    paths.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        paths.sort(Comparator.comparing(Path::getFileName));
        return paths;
    }

    Path directory() {
        return directory;
    }

    List<RejectedJobFile> rejected() {
        return rejected;
    }

    Optional<Path> fileOf(String jobId) {
        return Optional.ofNullable(fileOfJob.get(jobId));
    }

    /** Jobs read from files. */
    int jobCount() {
        return fileOfJob.size();
    }

    /** The jobs read from files, as last read. */
    synchronized List<JobDefinition> jobs() {
        return List.copyOf(loaded.values());
    }

    /** Why the directory is not fully in use; empty when it is. */
    String problem() {
        return problem;
    }

    /** Stops watching; the jobs stay scheduled until the caller unschedules them. */
    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
