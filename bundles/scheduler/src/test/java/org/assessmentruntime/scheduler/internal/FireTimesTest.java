package org.assessmentruntime.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FireTimesTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void recordsReachTheFileBehindTheCallerAndAreReadBackAtTheNextStart() throws Exception {
        Path file = dir.resolve("state/fire-times.properties");
        FireTimes times = new FireTimes(file, Duration.ofMillis(100));
        for (int i = 0; i < 1000; i++) {
            times.record("job-" + i, "task", T.plusSeconds(i));
        }
        // Recording never writes on the caller's thread (the scheduler's timer): nothing there yet.
        assertThat(file).doesNotExist();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
        times.close();

        FireTimes again = new FireTimes(file);
        assertThat(again.last("job-999", "task")).contains(T.plusSeconds(999));
        again.close();
    }

    @Test
    void closeWritesWhatIsPendingAtOnce() {
        Path file = dir.resolve("fire-times.properties");
        FireTimes times = new FireTimes(file, Duration.ofHours(1));
        times.record("job", "task", T);
        times.forget("other");
        times.close();

        FireTimes again = new FireTimes(file);
        assertThat(again.last("job", "task")).contains(T);
        again.forget("job");
        again.close();
        assertThat(new FireTimes(file).last("job", "task")).isEmpty();
    }
}
