package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of the jobs an operator disabled, kept across restarts and across new definitions of the jobs:
 * an operator who disabled a job during an incident must not find it running again after a restart or
 * an edit of its file.
 *
 * <p>One id a line in a file of the scheduler's state directory, owner-only ({@link StateFiles}). Ids of
 * jobs not scheduled (yet) are kept: jobs from the control plane are scheduled again only some time after
 * a start. A file that cannot be written is logged; the state then holds until the next stop.
 */
final class DisabledJobs {

    private static final Logger LOG = LoggerFactory.getLogger(DisabledJobs.class);

    private final Path file;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    DisabledJobs(Path file) {
        this.file = file;
        load();
    }

    boolean contains(String jobId) {
        return ids.contains(jobId);
    }

    int count() {
        return ids.size();
    }

    /**
     * Enables or disables a job.
     *
     * @return whether that changed anything
     */
    synchronized boolean set(String jobId, boolean disabled) {
        boolean changed = disabled ? ids.add(jobId) : ids.remove(jobId);
        if (changed) {
            save();
        }
        return changed;
    }

    private void save() {
        StringBuilder text = new StringBuilder("# Jobs disabled with assessment:job-disable, one id a line\n");
        new TreeSet<>(ids).forEach(id -> text.append(id).append('\n'));
        try {
            StateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Cannot write the disabled jobs to {}; they are enabled again after a restart: {}", file,
                    e.toString());
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the disabled jobs from {}; every job runs on its schedule: {}", file, e.toString());
        }
    }
}
