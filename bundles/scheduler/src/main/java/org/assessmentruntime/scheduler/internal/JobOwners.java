package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which job file owns each job id, kept across restarts: when two files define the same id, the one that
 * had it first keeps it, and the newcomer is rejected, however the two names sort. Otherwise a file
 * dropped into the jobs directory under a name that sorts first (say {@code 0.json}) would take over a
 * shipped job and run its own plugins and configuration in the job's name.
 *
 * <p>Kept in a small properties file in the scheduler's state directory (job id = absolute path of the
 * file), owner-only ({@link StateFiles}). A file that cannot be read or written costs the stability
 * across restarts only: the first file by name then owns a disputed id, as before there was a record.
 */
final class JobOwners {

    private static final Logger LOG = LoggerFactory.getLogger(JobOwners.class);

    private final Path file;
    private Map<String, Path> owners = Map.of();

    JobOwners(Path file) {
        this.file = file;
        load();
    }

    /** The file that owned a job id at the last scan, or before the last stop. */
    synchronized Optional<Path> owner(String jobId) {
        return Optional.ofNullable(owners.get(jobId));
    }

    /** Records the owners after a scan; written only when something changed. */
    synchronized void update(Map<String, Path> current) {
        if (current.equals(owners)) {
            return;
        }
        owners = Map.copyOf(current);
        Properties properties = new Properties();
        owners.forEach((id, path) -> properties.setProperty(id, path.toString()));
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "The job file that owns each job id: another file defining the same id is rejected");
            StateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Cannot write the owners of job ids to {}; after a restart a disputed job id goes to the first "
                    + "file by name: {}", file, e.toString());
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read the owners of job ids from {}; a disputed job id goes to the first file by name: {}",
                    file, e.toString());
            return;
        }
        Map<String, Path> loaded = new HashMap<>();
        for (String id : properties.stringPropertyNames()) {
            try {
                loaded.put(id, Path.of(properties.getProperty(id)));
            } catch (InvalidPathException e) {
                LOG.warn("Ignoring the owner of job id '{}' in {}: {}", id, file, e.getMessage());
            }
        }
        owners = Map.copyOf(new TreeMap<>(loaded));
    }
}
