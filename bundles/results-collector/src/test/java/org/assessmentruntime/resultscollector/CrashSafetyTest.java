package org.assessmentruntime.resultscollector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.assessmentruntime.resultscollector.internal.MvResultStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 while results are being stored: every result whose {@code store} returned is there afterwards,
 * and the store opens. A child JVM ({@link StoreWriter}) stores results as fast as it can and prints each
 * id after {@code store} returned; the test kills it ({@link Process#destroyForcibly()}, SIGKILL) after a
 * random number of them, so at a random point of a write.
 */
class CrashSafetyTest {

    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} writer(s)")
    @ValueSource(ints = {1, 4})
    void everyStoredResultSurvivesKillNine(int writers) throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Set<UUID> acknowledged = new LinkedHashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 1 + random.nextInt(80);
            Path stdout = dir.resolve("child-" + round + ".out");
            Path stderr = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreWriter.class.getName(),
                    dir.resolve("store").toString(), Integer.toString(writers)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            // The child writes to a file rather than a pipe: a pipe's unread lines die with the process.
            while (printedIds(stdout).size() < killAfter && child.isAlive()) {
                Thread.sleep(2);
            }
            child.destroyForcibly();
            child.waitFor();
            List<UUID> printed = printedIds(stdout);
            assertThat(printed).as("results stored by the child in round %d (seed %d); its stderr: %s", round, seed,
                    Files.readString(stderr)).hasSizeGreaterThanOrEqualTo(killAfter);
            acknowledged.addAll(printed);

            // The store as its delivery sees it, for the pending list.
            try (MvResultStore store = (MvResultStore) ResultStores.open(dir.resolve("store"))) {
                for (UUID id : acknowledged) {
                    assertThat(store.find(id)).as("result %s after round %d (seed %d)", id, round, seed).isPresent();
                }
                // Nothing else was half-written into the indexes either.
                // Each writer may have had one result stored, not yet acknowledged, when the kill came.
                assertThat(store.backlog().pending()).isBetween((long) acknowledged.size(),
                        (long) acknowledged.size() + (long) ROUNDS * writers);
                assertThat(store.pending(100_000)).hasSize((int) store.backlog().pending());
            }
        }
    }

    /** The ids of complete lines; a line cut short by the kill is not one. */
    private static List<UUID> printedIds(Path stdout) throws IOException {
        String text = Files.readString(stdout, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        return complete.lines().map(UUID::fromString).toList();
    }
}
