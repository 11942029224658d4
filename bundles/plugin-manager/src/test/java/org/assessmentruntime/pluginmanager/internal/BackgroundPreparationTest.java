package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin manager's activation and the executor's arrival return at once; the local directories'
 * plugins are installed and the installed modules compiled on the background thread, and nothing
 * installed is missed by a caller meanwhile.
 */
class BackgroundPreparationTest {

    @TempDir
    Path tmp;

    Path examples;
    PluginStore store;
    /** The background thread, run by hand: what it has not run yet is "under way". */
    final Queue<Runnable> queued = new ArrayDeque<>();
    final Executor background = queued::add;
    /** How many example plugins were built, each installed from the local directory. */
    int exampleCount;

    @BeforeEach
    void setUp() throws Exception {
        String built = System.getProperty("plugins.built.dir", "");
        assumeThat(Path.of(built).resolve("os-baseline/plugin.wasm"))
                .as("built example plugins (skipped with -Dplugins.skip)").exists();
        examples = tmp.resolve("examples");
        LocalInstallTest.copyTree(Path.of(built), examples);
        store = PluginStores.open(tmp.resolve("store"));
        // Counted, not written down: the example plugins grow in number.
        try (var dirs = Files.list(examples)) {
            exampleCount = (int) dirs.filter(d -> Files.exists(d.resolve("plugin.wasm"))).count();
        }
    }

    private void runBackground() {
        for (Runnable task; (task = queued.poll()) != null;) {
            task.run();
        }
    }

    @Test
    void activationReturnsBeforeTheLocalPluginsAreInstalledAndReadsWaitForThem() throws Exception {
        PluginManagerService manager = new PluginManagerService(store, LocalInstallTest.settings(true, examples),
                background);

        assertThat(manager.initialPassDone()).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(manager.health().facts().get("inBackground")).contains("installing the plugins");

        // A job started at boot resolves its plugin: it waits for the pass instead of finding nothing.
        CompletableFuture<Optional<InstalledPlugin>> resolved = CompletableFuture.supplyAsync(
                () -> manager.resolve(PluginRef.parse("examples/os-baseline@^1")));
        Thread.sleep(200);
        assertThat(resolved).isNotDone();

        runBackground();

        assertThat(resolved.get(10, TimeUnit.SECONDS)).hasValueSatisfying(
                p -> assertThat(p.id().toString()).isEqualTo("examples/os-baseline@1.0.0"));
        assertThat(manager.installed()).hasSize(exampleCount);
        assertThat(manager.health().facts()).doesNotContainKey("inBackground").containsEntry("localInstalled", String.valueOf(exampleCount));
    }

    @Test
    void anArrivingExecutorCompilesInTheBackgroundAndItsRefusalsAreStillReported() throws Exception {
        PluginManagerService manager = new PluginManagerService(store, LocalInstallTest.settings(true, examples),
                background);
        runBackground();
        FakeExecutor executor = new FakeExecutor();
        Digest bad = Digest.sha256(Files.readAllBytes(examples.resolve("sensitive-files/plugin.wasm")));
        executor.refused.add(bad);

        manager.bindExecutor(executor);

        assertThat(executor.prepared).isEmpty();
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(manager.health().facts().get("inBackground")).contains("compiling " + exampleCount + " installed plugins");

        runBackground();

        assertThat(executor.prepared).hasSize(exampleCount - 1).doesNotContain(bad);
        assertThat(manager.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(manager.health().facts()).doesNotContainKey("inBackground");
        assertThat(manager.health().facts().get("unusable:examples/sensitive-files@1.0.0"))
                .contains("examples/sensitive-files@1.0.0", "cannot be compiled", "unknown opcode");
    }

    @Test
    void aPreparationOfAModuleWhoseCompilationIsUnderWayGetsTheExecutorsOwnVerdict() throws Exception {
        PluginManagerService manager = new PluginManagerService(store, LocalInstallTest.settings(true, examples),
                background);
        runBackground();
        InstalledPlugin plugin = store.find(org.assessmentruntime.api.model.PluginId.parse(
                "examples/sensitive-files@1.0.0")).orElseThrow();
        byte[] module = store.module(plugin.digest());
        // The background pass is compiling a module the engine refuses when an installation prepares the
        // same module: the installation must not take the compilation under way for a success.
        CountDownLatch compiling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeExecutor executor = new FakeExecutor() {
            @Override
            public void prepare(Digest digest, byte[] bytes, String engine) throws AssessmentException {
                if (Thread.currentThread().getName().equals("background")) {
                    compiling.countDown();
                    await(release);
                }
                super.prepare(digest, bytes, engine);
            }
        };
        executor.refused.add(plugin.digest());
        Preparer preparer = new Preparer();
        preparer.bind(executor);
        CompletableFuture<Throwable> pass = new CompletableFuture<>();
        Thread thread = new Thread(() -> pass.complete(prepareCatching(preparer, plugin, module)), "background");
        thread.start();
        assertThat(compiling.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(prepareCatching(preparer, plugin, module)).isNotNull().hasMessageContaining("cannot be compiled");

        release.countDown();
        assertThat(pass.get(10, TimeUnit.SECONDS)).isNotNull().hasMessageContaining("unknown opcode");
        assertThat(preparer.preparedCount()).isZero();
        assertThat(manager.installed()).hasSize(exampleCount);
    }

    private static Throwable prepareCatching(Preparer preparer, InstalledPlugin plugin, byte[] module) {
        try {
            preparer.prepare(plugin, module);
            return null;
        } catch (AssessmentException e) {
            return e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDeactivatedManagerStopsCompilingQuietly() throws Exception {
        PluginManagerService manager = new PluginManagerService(store, LocalInstallTest.settings(true, examples),
                background);
        runBackground();
        FakeExecutor executor = new FakeExecutor();
        manager.bindExecutor(executor);

        manager.deactivate();
        runBackground();

        assertThat(executor.prepared).isEmpty();
        assertThat(manager.health().facts()).doesNotContainKey("inBackground");
        assertThat(List.copyOf(store.list())).hasSize(exampleCount);
    }
}
