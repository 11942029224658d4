package org.assessmentruntime.scheduler.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches files and directories with the JDK's {@link WatchService} (inotify on Linux) and calls back,
 * debounced, when one changes.
 *
 * <p>A file is watched through its directory, so that a file replaced by an editor (written aside, then
 * renamed over the original) or deleted and created again is still seen. A directory is watched for
 * changes of its entries, not recursively. The path's directory must exist when the watch starts.
 */
final class PathWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PathWatcher.class);

    private final ScheduledExecutorService timer;
    private final Duration quiet;
    private final Duration maxDelay;
    private final WatchService service;
    private final Map<WatchKey, List<Watch>> watches = new ConcurrentHashMap<>();
    private final Thread thread;

    /** A watch of one path; close it to stop. */
    final class Watch implements AutoCloseable {
        private final Path target;
        private final boolean directory;
        private final Debouncer debouncer;
        private WatchKey key;

        private Watch(Path target, boolean directory, Runnable onChange) {
            this.target = target;
            this.directory = directory;
            this.debouncer = new Debouncer(timer, quiet, maxDelay, onChange);
        }

        private boolean concerns(Path changed) {
            return directory || changed == null || changed.equals(target);
        }

        @Override
        public void close() {
            debouncer.cancel();
            synchronized (PathWatcher.this) {
                List<Watch> onKey = watches.get(key);
                if (onKey != null && onKey.remove(this) && onKey.isEmpty()) {
                    watches.remove(key);
                    key.cancel();
                }
            }
        }
    }

    PathWatcher(ScheduledExecutorService timer, Duration quiet, Duration maxDelay) throws IOException {
        this.timer = timer;
        this.quiet = quiet;
        this.maxDelay = maxDelay;
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::loop, "assessment-scheduler-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching a file or directory.
     *
     * @param target   absolute path of a file (that may not exist yet) or of a directory
     * @param onChange called, debounced, on the timer thread when it changes; must not block
     * @return the watch
     * @throws IOException if the directory to watch does not exist or cannot be watched
     */
    synchronized Watch watch(Path target, Runnable onChange) throws IOException {
        Path normalized = target.toAbsolutePath().normalize();
        boolean directory = Files.isDirectory(normalized);
        Path dir = directory ? normalized : normalized.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "directory to watch does not exist");
        }
        Watch watch = new Watch(normalized, directory, onChange);
        watch.key = dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        watches.computeIfAbsent(watch.key, k -> new CopyOnWriteArrayList<>()).add(watch);
        return watch;
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                // After an overflow the changed entries are unknown: every watch of the directory fires.
                Path changed = event.kind() == OVERFLOW ? null : dir.resolve((Path) event.context());
                for (Watch watch : watches.getOrDefault(key, List.of())) {
                    if (watch.concerns(changed)) {
                        watch.debouncer.poke();
                    }
                }
            }
            if (!key.reset()) {
                LOG.warn("{} is no longer watched (deleted or unmounted); changes in it go unnoticed", dir);
                watches.remove(key);
            }
        }
    }

    @Override
    public void close() {
        watches.values().forEach(list -> list.forEach(w -> w.debouncer.cancel()));
        watches.clear();
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch service failed", e);
        }
        thread.interrupt();
    }
}
