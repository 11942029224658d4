package org.assessmentruntime.pluginstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is writing to a store, at random moments, many times over; after each kill the
 * reopened store must be consistent: every indexed version's module is there and verifies, nothing
 * half-written is left, and every put that had returned is still there.
 */
class CrashConsistencyTest {

    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterNeverLeavesAPartialPlugin() throws Exception {
        Random random = new Random(42);
        int next = 0;
        int interrupted = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            String lastStored = runAndKill(next, 20 + random.nextInt(250));
            if (leftDebris()) {
                interrupted++;
            }
            PluginStore store = PluginStores.open(dir);
            assertConsistent(store);
            if (lastStored != null) {
                // Each writer's versions only go up, so its last returned put is the highest: never pruned.
                assertThat(store.find(PluginId.parse(lastStored))).as("returned put %s", lastStored).isPresent();
            }
            next = store.list().stream().mapToInt(p -> Integer.parseInt(p.id().version().substring(4)))
                    .max().orElse(next) + 1;
        }
        assertThat(PluginStores.open(dir).list()).isNotEmpty();
        // Most kills land inside a put (it is mostly waiting for the disk), so the test saw real debris.
        assertThat(interrupted).as("kills that interrupted a put").isPositive();
    }

    /** Whether the killed writer left a temporary file, or a module or record the index lacks. */
    private boolean leftDebris() throws Exception {
        String index = Files.readString(dir.resolve("index.json"));
        for (String sub : List.of("", "blobs/sha256", "records")) {
            try (var files = Files.list(dir.resolve(sub))) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".tmp-")) {
                        return true;
                    }
                    if (sub.equals("blobs/sha256") && !index.contains(name)) {
                        return true;
                    }
                    if (sub.equals("records") && !index.contains("\"" + name.substring(name.indexOf('@') + 1,
                            name.length() - ".json".length()) + "\"")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Starts a writer, kills it after it stored something and a further delay; returns its last put. */
    private String runAndKill(int start, int delayMillis) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, StoreWriter.class.getName(), dir.toString(), Integer.toString(start))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicReference<String> last = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    last.set(line.substring("stored ".length()));
                }
            } catch (Exception e) {
                // The pipe breaks when the writer is killed.
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (last.get() == null && writer.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.isAlive()).as("writer running (see its stderr above)").isTrue();
        Thread.sleep(delayMillis);
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        return last.get();
    }

    private void assertConsistent(PluginStore store) throws Exception {
        List<InstalledPlugin> plugins = store.list();
        for (InstalledPlugin plugin : plugins) {
            assertThat(plugin.digest().matches(store.module(plugin.digest()))).isTrue();
        }
        for (String sub : List.of("", "blobs" + File.separator + "sha256", "records")) {
            try (var files = Files.list(dir.resolve(sub))) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith(".tmp-"));
            }
        }
        try (var records = Files.list(dir.resolve("records"))) {
            assertThat(records.count()).isEqualTo(plugins.size());
        }
    }
}
