package org.assessmentruntime.pluginstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.pluginstore.internal.FilePluginStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening a store repairs: leftovers of interrupted writes, a lost or damaged index. */
class StoreRecoveryTest {

    @TempDir
    Path dir;

    private List<InstalledPlugin> fill() throws AssessmentException {
        PluginStore store = PluginStores.open(dir, 5);
        for (String id : List.of("acme/a@1.0.0", "acme/a@1.1.0", "acme/b@0.1.0-beta.1")) {
            InstalledPlugin plugin = Plugins.plugin(id);
            store.put(plugin, Plugins.module(plugin.id()));
        }
        return store.list();
    }

    @Test
    void openingDeletesLeftoversOfInterruptedWrites() throws Exception {
        List<InstalledPlugin> stored = fill();
        Path[] leftovers = { dir.resolve(".tmp-1.part"), dir.resolve("blobs/sha256/.tmp-2.part"),
                dir.resolve("records/.tmp-3.part") };
        for (Path leftover : leftovers) {
            Files.write(leftover, new byte[10]);
        }
        // A record written just before a crash, whose index entry never was.
        Path uncommitted = Files.write(dir.resolve("records/acme+c@1.0.0.json"),
                Files.readAllBytes(dir.resolve("records/acme+a@1.0.0.json")));

        assertThat(PluginStores.open(dir).list()).isEqualTo(stored);
        for (Path leftover : leftovers) {
            assertThat(leftover).doesNotExist();
        }
        assertThat(uncommitted).doesNotExist();
    }

    @Test
    void aLostIndexIsRebuiltFromTheRecords() throws Exception {
        List<InstalledPlugin> stored = fill();
        Files.delete(dir.resolve("index.json"));

        FilePluginStore reopened = FilePluginStore.open(dir, 5);
        assertThat(reopened.list()).isEqualTo(stored);
        assertThat(reopened.status().recovery()).contains("missing", "rebuilt it from 3 records");
        assertThat(reopened.status().lost()).isEmpty();
        assertThat(dir.resolve("index.json")).exists();
    }

    @Test
    void aDamagedIndexIsKeptAsideAndRebuilt() throws Exception {
        List<InstalledPlugin> stored = fill();
        Files.writeString(dir.resolve("index.json"), "{\"format\":1,\"plugins\":[{\"descr");

        FilePluginStore reopened = FilePluginStore.open(dir, 5);
        assertThat(reopened.list()).isEqualTo(stored);
        assertThat(reopened.status().recovery()).contains("damaged");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.startsWith("index.json.damaged-"));
        }
    }

    @Test
    void aRebuildLeavesOutEntriesWhoseModuleIsGone() throws Exception {
        List<InstalledPlugin> stored = fill();
        Files.delete(dir.resolve("blobs/sha256/" + stored.get(0).digest().hex()));
        Files.writeString(dir.resolve("records/acme+b@0.1.0-beta.1.json"), "not json");
        Files.delete(dir.resolve("index.json"));

        FilePluginStore reopened = FilePluginStore.open(dir, 5);
        assertThat(reopened.list()).containsExactly(stored.get(1));
        assertThat(reopened.status().lost()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains(stored.get(0).id().toString(), "missing or damaged"))
                .anySatisfy(line -> assertThat(line).contains("acme+b@0.1.0-beta.1.json"));
    }

    @Test
    void refusesAStoreWrittenByALaterRuntime() throws Exception {
        fill();
        Files.writeString(dir.resolve("index.json"), "{\"format\":2,\"plugins\":[]}");
        assertThatThrownBy(() -> PluginStores.open(dir)).isInstanceOf(AssessmentException.class)
                .hasMessageContaining("format 2").hasMessageContaining("later runtime");
        // Nothing was rebuilt over it.
        assertThat(dir.resolve("index.json")).content().contains("\"format\":2");
    }
}
