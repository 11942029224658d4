package org.assessmentruntime.configuration.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the overlay's jobs where the scheduler reads jobs: one {@code <jobId>.remote.json} per job in the
 * scheduler's jobs directory (PID {@value #SCHEDULER_PID}, key {@code jobsDirectory}; empty means
 * {@code ${karaf.etc}/jobs}). The scheduler watches that directory and picks changes up live. Files are
 * written through a hidden temporary file (which the scheduler skips) and moved into place atomically,
 * so it never reads half a job. Remote job files the overlay no longer has are removed; local job files
 * ({@code <id>.json}) are never touched.
 */
final class RemoteJobs {

    /** Suffix of the files written here; every such file in the directory belongs to remote configuration. */
    static final String SUFFIX = ".remote.json";

    static final String SCHEDULER_PID = "org.assessmentruntime.scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJobs.class);

    private final ConfigurationAdmin admin;
    private final Path etc;

    /**
     * @param admin where the scheduler's configuration is read
     * @param etc   {@code ${karaf.etc}}, for the scheduler's default directory
     */
    RemoteJobs(ConfigurationAdmin admin, Path etc) {
        this.admin = admin;
        this.etc = etc;
    }

    /** The scheduler's jobs directory, as its configuration says now. */
    Path directory() throws IOException {
        Dictionary<String, Object> scheduler = ConfigApplier.properties(admin, SCHEDULER_PID);
        Object configured = scheduler == null ? null : scheduler.get("jobsDirectory");
        String text = configured == null ? "" : String.valueOf(configured).strip();
        return (text.isEmpty() ? etc.resolve("jobs") : Path.of(text)).toAbsolutePath();
    }

    /** Ids of the jobs of local job files ({@code <id>.json}, not hidden, not remote). */
    Set<String> localJobIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path file : list(directory())) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json") && !name.endsWith(SUFFIX)) {
                ids.add(name.substring(0, name.length() - ".json".length()));
            }
        }
        return ids;
    }

    /**
     * Writes every job whose file is missing or different, and removes remote job files of other jobs.
     *
     * @param jobs per job id, the file's content
     */
    void apply(Map<String, byte[]> jobs) throws IOException {
        Path directory = directory();
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> job : jobs.entrySet()) {
            Path file = directory.resolve(job.getKey() + SUFFIX);
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), job.getValue())) {
                StateStore.write(file, job.getValue());
                LOG.info("Wrote remote job '{}' to {}", job.getKey(), file);
            }
        }
        for (Path file : list(directory)) {
            String name = file.getFileName().toString();
            if (name.endsWith(SUFFIX) && !jobs.containsKey(name.substring(0, name.length() - SUFFIX.length()))) {
                Files.deleteIfExists(file);
                LOG.info("Removed remote job file {}: the control plane's configuration no longer has the job", file);
            }
        }
    }

    private static Set<Path> list(Path directory) throws IOException {
        Set<Path> files = new HashSet<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "[!.]*.json")) {
            entries.forEach(files::add);
        }
        return files;
    }
}
