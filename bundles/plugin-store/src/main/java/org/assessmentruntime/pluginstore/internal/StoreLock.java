package org.assessmentruntime.pluginstore.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

import org.assessmentruntime.api.AssessmentException;

/**
 * Serialises the changes to one store directory, across threads and processes (the runtime and the
 * command line may share a store): an in-process lock per directory, then an OS lock on a lock file.
 * The OS releases the file lock when a process dies, so a crash never leaves the store locked.
 *
 * <p>Not reentrant across the file lock: an action must not call {@link #call} again.
 */
final class StoreLock {

    // File locks belong to the whole JVM, so two handles on one directory in one process must first
    // agree among themselves; otherwise the second lock() would throw OverlappingFileLockException.
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock local;

    /** Something done while holding the store. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws IOException, AssessmentException;
    }

    StoreLock(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.local = IN_PROCESS.computeIfAbsent(this.file, f -> new ReentrantLock());
    }

    /** Runs an action while holding the store, blocking until it is free. */
    <T> T call(Action<T> action) throws IOException, AssessmentException {
        local.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Closing the channel releases the file lock, also when the action throws.
            channel.lock();
            return action.run();
        } finally {
            local.unlock();
        }
    }
}
