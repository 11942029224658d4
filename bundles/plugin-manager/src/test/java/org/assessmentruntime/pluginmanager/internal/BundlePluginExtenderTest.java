package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;

import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.pluginstore.PluginStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/** The extender of plugin bundles, with mocked bundles whose entries are files of the built example. */
class BundlePluginExtenderTest {

    @TempDir
    Path tmp;

    PluginStore store;
    FakeExecutor executor;
    PluginManagerService manager;
    BundlePluginExtender extender;

    @BeforeEach
    void setUp() throws Exception {
        ExamplePlugin.built();
        store = PluginStores.open(tmp.resolve("store"));
        manager = new PluginManagerService(store, new Settings(List.of(), true, List.of()));
        executor = new FakeExecutor();
        manager.bindExecutor(executor);
        extender = new BundlePluginExtender(manager);
    }

    /** A bundle with the header, whose entries under {@code plugin/} are the given files (null: absent). */
    Bundle bundle(long id, String header, String manifest, byte[] module) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bundle-" + id + "/plugin"));
        Bundle bundle = mock(Bundle.class);
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put("Bundle-SymbolicName", "acme.plugin" + id);
        if (header != null) {
            headers.put(BundlePluginExtender.HEADER, header);
        }
        when(bundle.getHeaders()).thenReturn(headers);
        when(bundle.getBundleId()).thenReturn(id);
        when(bundle.getSymbolicName()).thenReturn("acme.plugin" + id);
        when(bundle.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        when(bundle.getEntry(anyString())).thenReturn(null);
        if (manifest != null) {
            Files.writeString(dir.resolve("plugin.json"), manifest);
            when(bundle.getEntry("plugin/plugin.json")).thenReturn(dir.resolve("plugin.json").toUri().toURL());
        }
        if (module != null) {
            Files.write(dir.resolve("plugin.wasm"), module);
            when(bundle.getEntry("plugin/plugin.wasm")).thenReturn(dir.resolve("plugin.wasm").toUri().toURL());
        }
        return bundle;
    }

    Bundle plugin(long id, String version) throws Exception {
        return bundle(id, "/plugin", ExamplePlugin.manifest(version), ExamplePlugin.module(null));
    }

    @Test
    void aStartedPluginBundleIsInstalledAndDroppedWhenItStops() throws Exception {
        Bundle bundle = plugin(42, "1.0.0");

        String provider = extender.addingBundle(bundle, null);

        assertThat(provider).isEqualTo("bundle 42 (acme.plugin42 1.0.0)");
        assertThat(store.list()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(new PluginId(ExamplePlugin.NAME, "1.0.0"));
            assertThat(p.source()).isEqualTo(InstalledPlugin.Source.BUNDLE);
            assertThat(p.signature()).isEqualTo(InstalledPlugin.SignatureStatus.UNSIGNED);
            assertThat(executor.prepared).containsExactly(p.digest());
        });
        assertThat(manager.resolve(PluginRef.parse(ExamplePlugin.NAME + "@~> 1.0"))).isPresent();
        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(manager.health().facts()).containsEntry("hotDeployed", "1");

        extender.removedBundle(bundle, null, provider);

        assertThat(store.list()).isEmpty();
        assertThat(manager.resolve(PluginRef.parse(ExamplePlugin.NAME))).isEmpty();
        assertThat(executor.evicted).hasSize(1);
    }

    @Test
    void bundlesWithoutTheHeaderAreNotTracked() throws Exception {
        assertThat(extender.addingBundle(bundle(7, null, null, null), null)).isNull();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void anInvalidPluginBundleIsReportedAndDoesNotAffectOthers() throws Exception {
        Bundle broken = bundle(43, "plugin/", "{\"name\": \"acme/broken\"}", ExamplePlugin.module(null));
        Bundle noModule = bundle(44, "plugin", ExamplePlugin.manifest("2.0.0"), null);
        Bundle good = plugin(45, "1.0.0");

        String brokenProvider = extender.addingBundle(broken, null);
        String noModuleProvider = extender.addingBundle(noModule, null);
        extender.addingBundle(good, null);

        assertThat(brokenProvider).as("tracked, so that its rejection is cleared when it stops").isNotNull();
        assertThat(store.list()).extracting(p -> p.id().toString()).containsExactly(ExamplePlugin.NAME + "@1.0.0");
        var health = manager.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.facts().get("rejected:bundle 43 (acme.plugin43 1.0.0)")).contains("invalid manifest");
        assertThat(health.facts().get("rejected:bundle 44 (acme.plugin44 1.0.0)")).contains("no entry plugin/plugin.wasm");
        assertThat(health.detail()).contains("bundle 43", "bundle 44");

        extender.removedBundle(broken, null, brokenProvider);
        extender.removedBundle(noModule, null, noModuleProvider);

        assertThat(manager.health().state()).isEqualTo(HealthState.UP);
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void aVersionAlsoProvidedElsewhereStaysWhenTheBundleStops() throws Exception {
        Bundle first = plugin(50, "1.0.0");
        Bundle second = plugin(51, "1.0.0");
        String p1 = extender.addingBundle(first, null);
        String p2 = extender.addingBundle(second, null);

        extender.removedBundle(first, null, p1);
        assertThat(store.list()).as("bundle 51 still provides it").hasSize(1);

        extender.removedBundle(second, null, p2);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aVersionInstalledOtherwiseIsNotRemovedWhenTheBundleStops() throws Exception {
        PluginManagerService local = new PluginManagerService(store,
                new Settings(List.of(ExamplePlugin.built()), true, List.of()));
        assertThat(store.list()).singleElement().satisfies(p -> assertThat(p.source()).isEqualTo(InstalledPlugin.Source.LOCAL));
        BundlePluginExtender other = new BundlePluginExtender(local);
        Bundle bundle = plugin(60, "1.0.0");

        String provider = other.addingBundle(bundle, null);
        other.removedBundle(bundle, null, provider);

        assertThat(store.list()).singleElement().satisfies(p -> assertThat(p.source()).isEqualTo(InstalledPlugin.Source.LOCAL));
    }

    @Test
    void unsignedPluginBundlesAreRefusedWhenNotAllowed() throws Exception {
        manager.apply(new Settings(List.of(), false, List.of()));
        Bundle bundle = plugin(70, "1.0.0");

        extender.addingBundle(bundle, null);

        assertThat(store.list()).isEmpty();
        assertThat(manager.health().facts().get("rejected:bundle 70 (acme.plugin70 1.0.0)"))
                .contains("allowUnsigned=false");
    }

    @Test
    void theHeaderNamesADirectory() {
        assertThat(BundlePluginExtender.directory(" /plugin ")).isEqualTo("plugin/");
        assertThat(BundlePluginExtender.directory("a/b/")).isEqualTo("a/b/");
        assertThat(BundlePluginExtender.directory("/")).isEmpty();
        assertThat(BundlePluginExtender.directory(".")).isEmpty();
    }
}
