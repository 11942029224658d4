package org.assessmentruntime.scheduler;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The directory of job files the scheduler watches, as the scheduler sees it now. Registered as a
 * service by the scheduler, for the shell and the status output.
 *
 * <p>Thread-safe; answers from state already held (no I/O).
 */
@ProviderType
public interface JobDirectory {

    /** The directory watched for {@code *.json} job files. */
    Path directory();

    /** Files that were rejected on their last reading, ordered by file name; empty when all are valid. */
    List<RejectedJobFile> rejected();

    /**
     * The file a scheduled job was read from.
     *
     * @param jobId the job's id
     * @return the file, or empty when the job is not scheduled from this directory (e.g. it came
     *         through {@link org.assessmentruntime.api.Scheduler#schedule})
     */
    Optional<Path> fileOf(String jobId);
}
