package org.assessmentruntime.pluginstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginStoreTest {

    @TempDir
    Path dir;

    private PluginStore open(int keepPrevious) throws AssessmentException {
        return PluginStores.open(dir, keepPrevious);
    }

    private static InstalledPlugin put(PluginStore store, String id) throws AssessmentException {
        InstalledPlugin plugin = Plugins.plugin(id);
        return store.put(plugin, Plugins.module(plugin.id()));
    }

    private static List<String> ids(List<InstalledPlugin> plugins) {
        return plugins.stream().map(p -> p.id().toString()).toList();
    }

    @Test
    void storesModulesByDigestAndFindsThem() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin b = put(store, "acme/b@1.0.0");
        InstalledPlugin a = put(store, "acme/a@2.0.0");

        assertThat(ids(store.list())).containsExactly("acme/a@2.0.0", "acme/b@1.0.0");
        assertThat(store.find(PluginId.parse("acme/b@1.0.0"))).contains(b);
        assertThat(store.find(PluginId.parse("acme/b@1.0.1"))).isEmpty();
        assertThat(store.module(a.digest())).isEqualTo(Plugins.module(a.id()));
        assertThat(dir.resolve("blobs/sha256/" + a.digest().hex())).hasBinaryContent(Plugins.module(a.id()));
        assertThat(dir.resolve("index.json")).content().contains("acme/a", a.digest().toString());
    }

    @Test
    void storingTheSameVersionAgainChangesNothing() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin first = put(store, "acme/a@1.0.0");
        InstalledPlugin again = Plugins.plugin(first.id(), Plugins.module(first.id()));
        assertThat(store.put(new InstalledPlugin(again.descriptor(), again.digest(), InstalledPlugin.Source.REGISTRY,
                again.signature(), null, again.installedAt().plusSeconds(60)), Plugins.module(first.id())))
                .isEqualTo(first);
        assertThat(store.list()).containsExactly(first);
    }

    @Test
    void aPublishedVersionNeverChangesItsModule() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin stored = put(store, "acme/a@1.0.0");
        byte[] other = Plugins.module("other bytes", 600);
        assertThatThrownBy(() -> store.put(Plugins.plugin(stored.id(), other), other))
                .isInstanceOf(AssessmentException.class).isNotInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("acme/a@1.0.0").hasMessageContaining(stored.digest().toString())
                .hasMessageContaining("never changes");
        assertThat(store.module(stored.digest())).isEqualTo(Plugins.module(stored.id()));
    }

    @Test
    void refusesAModuleThatDoesNotMatchItsDigest() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin plugin = Plugins.plugin("acme/a@1.0.0");
        byte[] tampered = Plugins.module(plugin.id());
        tampered[20] ^= 1;
        assertThatThrownBy(() -> store.put(plugin, tampered)).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("acme/a@1.0.0").hasMessageContaining(plugin.digest().toString())
                .hasMessageContaining(Digest.sha256(tampered).toString());
        assertThat(store.list()).isEmpty();
        try (var blobs = Files.list(dir.resolve("blobs/sha256"))) {
            assertThat(blobs).isEmpty();
        }
    }

    @Test
    void rejectsMissingArguments() throws Exception {
        PluginStore store = open(1);
        assertThatThrownBy(() -> store.put(null, new byte[0])).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("plugin");
        assertThatThrownBy(() -> store.put(Plugins.plugin("acme/a@1.0.0"), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("module");
        assertThatThrownBy(() -> PluginStores.open(dir, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepPreviousVersions");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> PluginStores.open(file)).isInstanceOf(AssessmentException.class)
                .hasMessageContaining("cannot open the plugin store in " + file);
    }

    @Test
    void previousIsTheHighestLowerVersionOfTheSamePlugin() throws Exception {
        PluginStore store = open(10);
        for (String id : List.of("acme/a@1.0.0", "acme/a@1.1.0", "acme/a@2.0.0-rc.1", "acme/a@2.0.0",
                "acme/b@1.0.5", "acme/0@9.0.0")) {
            put(store, id);
        }
        assertThat(store.previous(PluginId.parse("acme/a@2.0.0")).map(p -> p.id().toString()))
                .contains("acme/a@2.0.0-rc.1");
        assertThat(store.previous(PluginId.parse("acme/a@2.0.0-rc.1")).map(p -> p.id().toString()))
                .contains("acme/a@1.1.0");
        // The version asked about need not be stored.
        assertThat(store.previous(PluginId.parse("acme/a@1.5.0")).map(p -> p.id().toString()))
                .contains("acme/a@1.1.0");
        assertThat(store.previous(PluginId.parse("acme/a@1.0.0"))).isEmpty();
        assertThat(store.previous(PluginId.parse("acme/b@1.0.5"))).isEmpty();
        assertThat(store.previous(PluginId.parse("acme/c@1.0.0"))).isEmpty();
    }

    @Test
    void keepsTheConfiguredNumberOfPreviousVersions() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin oldest = put(store, "acme/a@1.0.0");
        put(store, "acme/a@1.1.0");
        put(store, "acme/b@1.0.0");
        put(store, "acme/a@1.2.0");

        assertThat(ids(store.list())).containsExactly("acme/a@1.1.0", "acme/a@1.2.0", "acme/b@1.0.0");
        assertThat(dir.resolve("blobs/sha256/" + oldest.digest().hex())).doesNotExist();
        assertThatThrownBy(() -> store.module(oldest.digest())).isInstanceOf(NotFoundException.class);

        // Storing an old version on purpose keeps it, until a newer one arrives.
        put(store, "acme/a@1.0.0");
        assertThat(ids(store.list())).containsExactly("acme/a@1.0.0", "acme/a@1.1.0", "acme/a@1.2.0",
                "acme/b@1.0.0");
        put(store, "acme/a@1.3.0");
        assertThat(ids(store.list())).containsExactly("acme/a@1.2.0", "acme/a@1.3.0", "acme/b@1.0.0");

        PluginStore onlyHighest = PluginStores.open(dir.resolve("other"), 0);
        put(onlyHighest, "acme/a@1.0.0");
        put(onlyHighest, "acme/a@2.0.0");
        assertThat(ids(onlyHighest.list())).containsExactly("acme/a@2.0.0");
    }

    @Test
    void removeDeletesTheModuleUnlessAnotherVersionSharesIt() throws Exception {
        PluginStore store = open(5);
        byte[] shared = Plugins.module("shared", 1000);
        InstalledPlugin one = store.put(Plugins.plugin(PluginId.parse("acme/a@1.0.0"), shared), shared);
        InstalledPlugin two = store.put(Plugins.plugin(PluginId.parse("acme/a@1.0.1"), shared), shared);
        InstalledPlugin other = put(store, "acme/b@1.0.0");
        Path sharedBlob = dir.resolve("blobs/sha256/" + one.digest().hex());

        store.remove(one.id());
        assertThat(sharedBlob).exists();
        assertThat(store.module(two.digest())).isEqualTo(shared);
        store.remove(two.id());
        assertThat(sharedBlob).doesNotExist();
        assertThat(store.list()).containsExactly(other);

        assertThatThrownBy(() -> store.remove(one.id())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("acme/a@1.0.0 is not in the plugin store");
    }

    @Test
    void gcDeletesWhatNothingReferences() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin kept = put(store, "acme/a@1.0.0");
        byte[] orphan = Plugins.module("orphan", 4096);
        Path orphanBlob = Files.write(dir.resolve("blobs/sha256/" + Digest.sha256(orphan).hex()), orphan);
        Path leftover = Files.write(dir.resolve("blobs/sha256/.tmp-123.part"), new byte[100]);
        Path strayRecord = Files.writeString(dir.resolve("records/acme+gone@1.0.0.json"), "{}");

        assertThat(store.gc()).isEqualTo(4096 + 100);
        assertThat(orphanBlob).doesNotExist();
        assertThat(leftover).doesNotExist();
        assertThat(strayRecord).doesNotExist();
        assertThat(store.module(kept.digest())).isEqualTo(Plugins.module(kept.id()));
        assertThat(store.gc()).isZero();
    }

    @Test
    void aModuleChangedOnDiskIsNeverHandedOut() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin victim = put(store, "acme/a@1.0.0");
        InstalledPlugin bystander = put(store, "acme/b@1.0.0");
        Path blob = dir.resolve("blobs/sha256/" + victim.digest().hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[100] ^= 0x01;
        Files.write(blob, bytes);

        assertThatThrownBy(() -> store.module(victim.digest())).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("acme/a@1.0.0").hasMessageContaining(victim.digest().toString())
                .hasMessageContaining("changed on disk");
        // The rest of the store goes on working.
        assertThat(store.module(bystander.digest())).isEqualTo(Plugins.module(bystander.id()));
        assertThat(store.list()).hasSize(2);
        put(store, "acme/c@1.0.0");

        // Installing the plugin again restores the module.
        store.put(victim, Plugins.module(victim.id()));
        assertThat(store.module(victim.digest())).isEqualTo(Plugins.module(victim.id()));
    }

    @Test
    void aMissingModuleIsReportedAsUntrustworthy() throws Exception {
        PluginStore store = open(1);
        InstalledPlugin plugin = put(store, "acme/a@1.0.0");
        Files.delete(dir.resolve("blobs/sha256/" + plugin.digest().hex()));
        assertThatThrownBy(() -> store.module(plugin.digest())).isInstanceOf(PluginVerificationException.class)
                .hasMessageContaining("acme/a@1.0.0").hasMessageContaining("is missing");
        assertThatThrownBy(() -> store.module(Digest.sha256(new byte[1]))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(Digest.sha256(new byte[1]).toString());
    }

    @Test
    void survivesReopeningAndSeesChangesOfOtherHandles() throws Exception {
        PluginStore first = open(1);
        InstalledPlugin a = put(first, "acme/a@1.0.0");
        PluginStore second = open(1);
        assertThat(second.list()).containsExactly(a);

        InstalledPlugin b = put(second, "acme/b@1.0.0");
        assertThat(first.find(b.id())).contains(b);
        first.remove(a.id());
        assertThat(second.list()).containsExactly(b);
        assertThat(second.module(b.digest())).isEqualTo(Plugins.module(b.id()));
    }

    @Test
    void concurrentPutsAreAllKept() throws Exception {
        PluginStore one = open(100);
        PluginStore two = open(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<InstalledPlugin>> puts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PluginStore store = i % 2 == 0 ? one : two;
                String id = "acme/p" + (i % 3) + "@1.0." + i;
                puts.add(pool.submit(() -> put(store, id)));
            }
            for (Future<InstalledPlugin> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(open(100).list()).hasSize(40);
    }
}
