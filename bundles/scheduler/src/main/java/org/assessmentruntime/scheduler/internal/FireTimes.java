package org.assessmentruntime.scheduler.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last time each timed task fired (or was first scheduled), kept in a small properties file so that
 * runs missed while the runtime was down can be detected on the next start.
 *
 * <p>Keys are {@code jobId/taskId} (ids cannot contain a slash), values ISO-8601 instants. The file is
 * rewritten whole and owner-only ({@link StateFiles}), so a crash leaves the old or the new version,
 * never half of one. A file that cannot be read or written costs the missed-run detection,
 * never the schedules: it is logged and otherwise ignored.
 *
 * <p>Writes are behind, on a thread of their own, at most once per {@link #FLUSH_DELAY} and on
 * {@link #close()}: the file holds every timed task, so rewriting it on the scheduler's timer thread at
 * each fire made fires late in proportion to the number of jobs (10,000 jobs: seconds of drift, see
 * benchmarks/RESULTS.md). A crash loses at most the last second of fire times, which at worst makes a
 * RUN_ONCE task run once more at the next start.
 */
final class FireTimes implements AutoCloseable {

    /** Longest a recorded fire time waits before it is written. */
    static final Duration FLUSH_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(FireTimes.class);

    private final Path file;
    private final Duration flushDelay;
    private final Properties times = new Properties();
    private final ScheduledExecutorService writer;
    private boolean dirty;
    private boolean flushScheduled;
    private boolean closed;

    FireTimes(Path file) {
        this(file, FLUSH_DELAY);
    }

    FireTimes(Path file, Duration flushDelay) {
        this.file = file;
        this.flushDelay = flushDelay;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "assessment-scheduler-fire-times");
            t.setDaemon(true);
            return t;
        });
        load();
    }

    /** The last fire time on record of a task. */
    synchronized Optional<Instant> last(String jobId, String taskId) {
        String value = times.getProperty(key(jobId, taskId));
        try {
            return Optional.ofNullable(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Records that a task fired (or was first scheduled) at an instant. */
    synchronized void record(String jobId, String taskId, Instant at) {
        times.setProperty(key(jobId, taskId), at.toString());
        changed();
    }

    /** Forgets every task of a job that is no longer scheduled. */
    synchronized void forget(String jobId) {
        if (times.keySet().removeIf(k -> k.toString().startsWith(jobId + "/"))) {
            changed();
        }
    }

    /** Writes what is not written yet and stops the writer thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void changed() {
        dirty = true;
        if (!flushScheduled && !closed) {
            flushScheduled = true;
            writer.schedule(this::flush, flushDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes a snapshot if anything changed since the last write. */
    void flush() {
        Properties snapshot = new Properties();
        synchronized (this) {
            flushScheduled = false;
            if (!dirty) {
                return;
            }
            dirty = false;
            snapshot.putAll(times);
        }
        save(snapshot);
    }

    private static String key(String jobId, String taskId) {
        return jobId + "/" + taskId;
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            times.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot read the last fire times from {}; runs missed while down are not detected this time: {}",
                    file, e.toString());
        }
    }

    private void save(Properties snapshot) {
        try {
            StringWriter text = new StringWriter();
            snapshot.store(text, "Last fire time of each timed task (jobId/taskId), for missed-run detection");
            StateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Cannot write the last fire times to {}; runs missed while down may go undetected: {}", file,
                    e.toString());
        }
    }
}
