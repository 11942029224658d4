package org.assessmentruntime.resultscollector;

import java.nio.file.Path;
import java.time.Clock;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.resultscollector.internal.MvResultStore;

/**
 * Opens {@link ResultStore}s outside OSGi, e.g. the runtime's own store ({@code data/results}) while the
 * runtime is stopped, for the command line's {@code results export}.
 */
public final class ResultStores {

    /** The store's file within its directory. */
    public static final String FILE_NAME = MvResultStore.FILE_NAME;

    private ResultStores() {
    }

    /**
     * Opens the store in a directory, creating both if needed: the directory {@code 0700}, the file
     * {@code 0600} (an existing file is made {@code 0600}), where the file system has POSIX permissions.
     *
     * @param directory where the store lives
     * @return the open store; close it when done
     * @throws AssessmentException if it cannot be opened: another process has it open, the directory is
     *                             not writable, or the file is not a result store
     */
    public static ResultStore open(Path directory) throws AssessmentException {
        return open(directory, Clock.systemUTC());
    }

    /**
     * Opens the store in a directory, with the clock that stamps storage and delivery times.
     *
     * @param directory where the store lives
     * @param clock     the clock
     * @return the open store; close it when done
     * @throws AssessmentException if it cannot be opened
     */
    public static ResultStore open(Path directory, Clock clock) throws AssessmentException {
        return MvResultStore.open(directory, clock);
    }
}
