package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing the built example plugins from local directories into a real store. */
class LocalInstallTest {

    private static final List<String> EXAMPLES = List.of("examples/login-defs", "examples/os-baseline", "examples/pwquality",
            "examples/sensitive-files", "examples/sshd-hardening", "examples/sysctl-hardening",
            "examples/tls-cert-expiry");
    private static final String COUNT = Integer.toString(EXAMPLES.size());

    @TempDir
    Path tmp;

    Path examples;
    PluginStore store;

    @BeforeEach
    void setUp() throws Exception {
        String built = System.getProperty("plugins.built.dir", "");
        assumeThat(Path.of(built).resolve("os-baseline/plugin.wasm"))
                .as("built example plugins (skipped with -Dplugins.skip)").exists();
        examples = tmp.resolve("examples");
        copyTree(Path.of(built), examples);
        store = PluginStores.open(tmp.resolve("store"));
    }

    static Settings settings(boolean allowUnsigned, Path... directories) {
        return new Settings(List.of(directories), allowUnsigned, List.of());
    }

    @Test
    void installsEveryExamplePlugin() {
        PluginManagerService manager = new PluginManagerService(store, settings(true, examples));

        assertThat(manager.installed()).extracting(p -> p.id().name()).containsExactlyElementsOf(EXAMPLES);
        assertThat(manager.installed()).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo(InstalledPlugin.Source.LOCAL);
            assertThat(p.signature()).isEqualTo(InstalledPlugin.SignatureStatus.UNSIGNED);
        });
        assertThat(manager.resolve(PluginRef.parse("examples/os-baseline@~> 1.0")))
                .hasValueSatisfying(p -> assertThat(p.id().version()).isEqualTo("1.0.0"));
        ComponentHealth health = manager.health();
        assertThat(health.component()).isEqualTo(ComponentId.PLUGIN_MANAGER);
        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.facts()).containsEntry("versions", COUNT).containsEntry("localInstalled", COUNT)
                .containsEntry("localRejected", "0").containsEntry("registries", "none configured");
    }

    @Test
    void skipsWhatIsAlreadyStoredWithTheSameModule() {
        PluginManagerService manager = new PluginManagerService(store, settings(true, examples));
        List<InstalledPlugin> first = manager.installed();

        manager.apply(settings(true, examples));
        assertThat(manager.installed()).isEqualTo(first);
        assertThat(manager.health().facts()).containsEntry("localInstalled", "0")
                .containsEntry("localAlreadyInstalled", COUNT);
    }

    @Test
    void anInvalidPluginDirectoryDoesNotBlockTheOthers() throws Exception {
        Path broken = Files.createDirectories(examples.resolve("aaa-broken"));
        Files.writeString(broken.resolve("plugin.json"), "{\"name\":\"acme/broken\",\"version\":\"1.0\","
                + "\"abiVersion\":1}");
        Files.write(broken.resolve("plugin.wasm"), new byte[] { 0, 'a', 's', 'm', 1, 0, 0, 0 });
        Path empty = Files.createDirectories(examples.resolve("zzz-empty"));
        Path missing = tmp.resolve("no-such-directory");

        PluginManagerService manager = new PluginManagerService(store, settings(true, examples, missing));

        assertThat(manager.installed()).extracting(p -> p.id().name()).containsExactlyElementsOf(EXAMPLES);
        ComponentHealth health = manager.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("3 plugins rejected or not runnable", broken.toString(), empty.toString(),
                missing.toString());
        Map<String, String> facts = health.facts();
        assertThat(facts.get("rejected:" + broken)).contains("plugin.json", "version", "1.0");
        assertThat(facts.get("rejected:" + empty)).contains("plugin.json", "does not exist");
        assertThat(facts.get("rejected:" + missing)).contains("does not exist or is not a directory");
        assertThat(facts).containsEntry("localRejected", "3");
    }

    @Test
    void aChangedModuleUnderAnInstalledVersionIsRejected() throws Exception {
        PluginManagerService manager = new PluginManagerService(store, settings(true, examples));
        Path wasm = examples.resolve("os-baseline/plugin.wasm");
        Files.write(wasm, "trailing".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);

        manager.apply(settings(true, examples));

        assertThat(manager.health().facts().get("rejected:" + examples.resolve("os-baseline")))
                .contains("examples/os-baseline@1.0.0 is installed with the module", "new version");
        assertThat(store.list()).hasSize(EXAMPLES.size());
    }

    @Test
    void unsignedLocalPluginsAreRefusedWhenNotAllowed() {
        PluginManagerService manager = new PluginManagerService(store, settings(false, examples));
        assertThat(manager.installed()).isEmpty();
        assertThat(manager.health().facts()).containsEntry("localRejected", COUNT);
        assertThat(manager.health().detail()).contains("allowUnsigned=false");
    }

    @Test
    void aDirectoryHoldingOnePluginIsInstalledItself() {
        PluginManagerService manager = new PluginManagerService(store, settings(true, examples.resolve("sshd-hardening")));
        assertThat(manager.installed()).extracting(p -> p.id().name()).containsExactly("examples/sshd-hardening");
    }

    @Test
    void compilesEachInstalledModuleOnceAheadOfItsFirstRun() throws Exception {
        // A fifth plugin whose module is byte for byte that of os-baseline: one digest, one compilation.
        Path twin = examples.resolve("twin");
        copyTree(examples.resolve("os-baseline"), twin);
        Path manifest = twin.resolve("plugin.json");
        Files.writeString(manifest, Files.readString(manifest).replace("examples/os-baseline", "examples/twin"));

        PluginManagerService manager = new PluginManagerService(store, settings(true, examples));
        FakeExecutor executor = new FakeExecutor();
        manager.bindExecutor(executor);
        assertThat(executor.prepared).hasSize(EXAMPLES.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(manager.installed().stream().map(InstalledPlugin::digest)
                        .distinct().toList());

        // Starting again with the executor present compiles nothing twice.
        manager.apply(settings(true, examples));
        assertThat(executor.prepared).hasSize(EXAMPLES.size());

        // Removing one of the twins keeps the shared module compiled; removing both evicts it.
        Digest shared = store.find(org.assessmentruntime.api.model.PluginId.parse("examples/twin@1.0.0"))
                .orElseThrow().digest();
        manager.remove(PluginRef.parse("examples/twin"));
        assertThat(executor.evicted).isEmpty();
        manager.remove(PluginRef.parse("examples/os-baseline@1.0.0"));
        assertThat(executor.evicted).containsExactly(shared);
    }

    @Test
    void aModuleTheExecutorRefusesIsNeverInstalled() throws Exception {
        FakeExecutor executor = new FakeExecutor();
        executor.refused.add(Digest.sha256(Files.readAllBytes(examples.resolve("sensitive-files/plugin.wasm"))));
        PluginManagerService manager = new PluginManagerService(store, settings(true));
        manager.bindExecutor(executor);

        manager.apply(settings(true, examples));

        assertThat(manager.installed()).extracting(p -> p.id().name()).doesNotContain("examples/sensitive-files")
                .hasSize(EXAMPLES.size() - 1);
        assertThat(manager.health().facts().get("rejected:" + examples.resolve("sensitive-files")))
                .contains("cannot be compiled", "unknown opcode");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
