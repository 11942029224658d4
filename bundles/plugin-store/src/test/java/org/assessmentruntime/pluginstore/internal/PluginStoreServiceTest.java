package org.assessmentruntime.pluginstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginStoreServiceTest {

    @TempDir
    Path dir;

    static StoreConfig config(String directory, int keep) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String directory() {
                return directory;
            }

            @Override
            public int keepPreviousVersions() {
                return keep;
            }
        };
    }

    static InstalledPlugin plugin(String name, String version, byte[] module) {
        return new InstalledPlugin(new PluginDescriptor(name, version, null, 1, null, null, null, null),
                Digest.sha256(module), InstalledPlugin.Source.LOCAL, InstalledPlugin.SignatureStatus.UNSIGNED, null,
                Instant.now());
    }

    @Test
    void reportsWhatItHolds() throws Exception {
        PluginStoreService service = new PluginStoreService(config(dir.toString(), 1));
        byte[] module = "\0asm module".getBytes(StandardCharsets.UTF_8);
        service.put(plugin("acme/a", "1.0.0", module), module);
        service.put(plugin("acme/a", "1.1.0", module), module);

        ComponentHealth health = service.health();
        assertThat(health.component()).isEqualTo(ComponentId.PLUGIN_STORE);
        assertThat(health.state()).isEqualTo(HealthState.UP);
        assertThat(health.detail()).contains("2 plugin versions (1 plugins)");
        assertThat(health.facts()).containsEntry("versions", "2").containsEntry("modules", "1")
                .containsEntry("directory", dir.toString());
    }

    @Test
    void expandsSystemPropertiesInTheDirectory() throws Exception {
        System.setProperty("pluginstore.test.dir", dir.toString());
        try {
            PluginStoreService service = new PluginStoreService(config("${pluginstore.test.dir}/plugins", 1));
            assertThat(service.health().facts()).containsEntry("directory", dir.resolve("plugins").toString());
            assertThat(dir.resolve("plugins/blobs/sha256")).isDirectory();
        } finally {
            System.clearProperty("pluginstore.test.dir");
        }
    }

    @Test
    void isDegradedWhileAStoredModuleIsDamaged() throws Exception {
        PluginStoreService service = new PluginStoreService(config(dir.toString(), 1));
        byte[] module = "\0asm module".getBytes(StandardCharsets.UTF_8);
        InstalledPlugin plugin = service.put(plugin("acme/a", "1.0.0", module), module);
        Files.write(dir.resolve("blobs/sha256/" + plugin.digest().hex()), "\0asm mangle".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> service.module(plugin.digest())).isInstanceOf(AssessmentException.class);

        ComponentHealth health = service.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.facts()).containsKey("damaged:" + plugin.digest());

        service.put(plugin, module);
        assertThat(service.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void isDownWithTheReasonWhenTheDirectoryCannotBeUsed() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        PluginStoreService service = new PluginStoreService(config(file.toString(), 1));
        assertThat(service.health().state()).isEqualTo(HealthState.DOWN);
        assertThat(service.health().detail()).contains("cannot open the plugin store", file.toString());
        assertThat(service.list()).isEmpty();
        assertThatThrownBy(() -> service.gc()).isInstanceOf(AssessmentException.class)
                .hasMessageContaining("not available");

        PluginStoreService unset = new PluginStoreService(config("${no.such.property}/plugins", 1));
        assertThat(unset.health().detail()).contains("no.such.property", "not set");

        // A corrected configuration takes effect without a restart.
        service.modified(config(dir.resolve("store").toString(), 1));
        assertThat(service.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void aRejectedLiveConfigurationKeepsTheStoreAndIsReportedUntilAValidOneArrives() {
        PluginStoreService service = new PluginStoreService(config(dir.resolve("store").toString(), 2));

        service.modified(config(dir.resolve("other").toString(), -1));

        assertThat(service.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(service.health().facts().get("configProblem")).contains("keepPreviousVersions must be 0 or more, got -1");
        assertThat(service.health().facts()).containsEntry("keepPreviousVersions", "2")
                .containsEntry("directory", dir.resolve("store").toString());

        service.modified(config(dir.resolve("store").toString(), 3));
        assertThat(service.health().state()).isEqualTo(HealthState.UP);
        assertThat(service.health().facts()).containsEntry("configProblem", "").containsEntry("keepPreviousVersions", "3");
    }

    @Test
    void anInvalidFirstConfigurationOpensTheStoreWithTheDefaultsAndSaysWhy() {
        PluginStoreService service = new PluginStoreService(config(dir.resolve("store").toString(), -5));

        assertThat(service.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(service.health().detail()).contains("keepPreviousVersions must be 0 or more, got -5");
        assertThat(service.health().facts()).containsEntry("keepPreviousVersions", "1");
    }
}
