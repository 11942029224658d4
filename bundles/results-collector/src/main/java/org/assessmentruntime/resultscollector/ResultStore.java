package org.assessmentruntime.resultscollector;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ResultsCollector;
import org.assessmentruntime.api.model.StoredResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A durable store of results in one directory: the {@link ResultsCollector} contract (every change,
 * {@link #store} as well as the delivery's own records, is committed and synced to disk when it returns,
 * so it survives a crash or {@code kill -9}) plus what the collector service and the command line need
 * around it.
 *
 * <p>Thread-safe. One process at a time: opening a directory that another process has open fails.
 */
@ProviderType
public interface ResultStore extends ResultsCollector, AutoCloseable {

    /**
     * The results of one run, oldest first.
     *
     * @param runId the run's id ({@link org.assessmentruntime.api.model.AssessmentResult#runId()})
     * @return its results; empty when none is stored
     */
    List<StoredResult> run(UUID runId);

    /**
     * Drops delivered results stored before a point in time. Pending and parked results are never
     * dropped: they have not reached the control plane yet.
     *
     * @param storedBefore results stored before this go
     * @return how many were dropped
     * @throws AssessmentException if the change could not be stored
     */
    int purgeDelivered(Instant storedBefore) throws AssessmentException;

    /** Size of the store's file in bytes, as of its last write; no I/O. */
    long sizeBytes();

    /** The directory the store lives in. */
    Path directory();

    /**
     * How many stored results reads have skipped since the store was opened because a record of theirs
     * could not be read (damaged, or written by an incompatible runtime). Queries, runs, pending lists and
     * exports leave such a result out rather than failing as a whole; it stays in the store, untouched,
     * and is logged once with its key.
     *
     * @return the number of distinct results skipped; 0 when every record read was readable
     * @since 0.2
     */
    long unreadable();

    /** Writes what is left and releases the directory; idempotent. */
    @Override
    void close();
}
