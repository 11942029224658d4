package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FileInstall handler of the deploy folder, driven as FileInstall would, on temporary files. */
class DeployFolderInstallerTest {

    @TempDir
    Path tmp;

    Path deploy;
    PluginStore store;
    FakeExecutor executor;
    PluginManagerService manager;
    DeployFolderInstaller installer;

    @BeforeEach
    void setUp() throws Exception {
        ExamplePlugin.built();
        deploy = Files.createDirectories(tmp.resolve("deploy"));
        store = PluginStores.open(tmp.resolve("store"));
        manager = new PluginManagerService(store, new Settings(List.of(), true, List.of()));
        executor = new FakeExecutor();
        manager.bindExecutor(executor);
        installer = new DeployFolderInstaller(manager);
    }

    File wasm() {
        return deploy.resolve("os-baseline.wasm").toFile();
    }

    File json() {
        return deploy.resolve("os-baseline.plugin.json").toFile();
    }

    List<String> installed() {
        return store.list().stream().map(p -> p.id().toString()).toList();
    }

    @Test
    void handlesModulesAndTheirManifestsOnly() {
        assertThat(installer.canHandle(new File("deploy/x.wasm"))).isTrue();
        assertThat(installer.canHandle(new File("deploy/x.plugin.json"))).isTrue();
        assertThat(installer.canHandle(new File("deploy/x.json"))).isFalse();
        assertThat(installer.canHandle(new File("deploy/plugin.json"))).isFalse();
        assertThat(installer.canHandle(new File("deploy/x.jar"))).isFalse();
        assertThat(installer.canHandle(new File("deploy/x.cfg"))).isFalse();
        assertThat(installer.canHandle(new File("deploy/.wasm"))).isFalse();
    }

    @Test
    void installsThePairWhicheverFileArrivesLastUpdatesAndUninstalls() throws Exception {
        Files.write(wasm().toPath(), ExamplePlugin.module(null));
        installer.install(wasm());
        assertThat(installed()).isEmpty();
        assertThat(manager.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(manager.health().facts().get("rejected:deploy " + wasm().getAbsolutePath()))
                .contains("os-baseline.plugin.json is missing");

        Files.writeString(json().toPath(), ExamplePlugin.manifest("1.0.0"));
        installer.install(json());
        assertThat(installed()).containsExactly(ExamplePlugin.NAME + "@1.0.0");
        assertThat(store.list()).singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo(InstalledPlugin.Source.DEPLOY_FOLDER));
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);

        // A new version: the one this pair installed before goes.
        Files.writeString(json().toPath(), ExamplePlugin.manifest("1.1.0"));
        installer.update(json());
        assertThat(installed()).containsExactly(ExamplePlugin.NAME + "@1.1.0");

        // The same version, rebuilt: its own version is replaced by the new module.
        byte[] rebuilt = ExamplePlugin.module("rebuilt");
        Files.write(wasm().toPath(), rebuilt);
        installer.update(wasm());
        assertThat(store.list()).singleElement().satisfies(p -> {
            assertThat(p.id().version()).isEqualTo("1.1.0");
            assertThat(p.digest()).isEqualTo(Digest.sha256(rebuilt));
        });
        assertThat(executor.prepared).contains(Digest.sha256(rebuilt));

        Files.delete(wasm().toPath());
        installer.uninstall(wasm());
        assertThat(installed()).isEmpty();
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(manager.health().facts()).containsEntry("hotDeployed", "0");
    }

    @Test
    void anInvalidPairIsReportedAndOthersStillInstall() throws Exception {
        Files.write(deploy.resolve("broken.wasm"), new byte[] { 1, 2, 3, 4 });
        Files.writeString(deploy.resolve("broken.plugin.json"), ExamplePlugin.manifest("3.0.0"));
        Files.write(wasm().toPath(), ExamplePlugin.module(null));
        Files.writeString(json().toPath(), ExamplePlugin.manifest("1.0.0"));

        installer.install(deploy.resolve("broken.wasm").toFile());
        installer.install(wasm());

        assertThat(installed()).containsExactly(ExamplePlugin.NAME + "@1.0.0");
        assertThat(manager.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(manager.health().facts()).containsKey("rejected:deploy " + deploy.resolve("broken.wasm").toAbsolutePath());

        installer.uninstall(deploy.resolve("broken.plugin.json").toFile());
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(installed()).hasSize(1);
    }

    @Test
    void unsignedDeployedPluginsNeedAllowUnsignedLocal() throws Exception {
        manager.apply(new Settings(List.of(), false, List.of()));
        Files.write(wasm().toPath(), ExamplePlugin.module(null));
        Files.writeString(json().toPath(), ExamplePlugin.manifest("1.0.0"));

        installer.install(wasm());

        assertThat(installed()).isEmpty();
        assertThat(manager.health().facts().get("rejected:deploy " + wasm().getAbsolutePath()))
                .contains("allowUnsigned=false");
    }

    @Test
    void aVersionStoredWithAnotherModuleIsNotReplaced() throws Exception {
        Files.write(wasm().toPath(), ExamplePlugin.module(null));
        Files.writeString(json().toPath(), ExamplePlugin.manifest("1.0.0"));
        installer.install(wasm());
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.write(other.resolve("os-baseline.wasm"), ExamplePlugin.module("other"));
        Files.writeString(other.resolve("os-baseline.plugin.json"), ExamplePlugin.manifest("1.0.0"));

        installer.install(other.resolve("os-baseline.wasm").toFile());

        assertThat(store.list()).singleElement()
                .satisfies(p -> assertThat(p.digest()).isEqualTo(Digest.sha256(ExamplePlugin.module(null))));
        assertThat(manager.health().facts().get("rejected:deploy " + other.resolve("os-baseline.wasm").toAbsolutePath()))
                .contains("a version never changes");
    }
}
