package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.assessmentruntime.configuration.internal.SyncState.Baseline;
import org.junit.jupiter.api.Test;

class ConfigApplierTest {

    private static final String RUNNER = "org.assessmentruntime.jobrunner";
    private static final String COLLECTOR = "org.assessmentruntime.resultscollector";

    private final Fakes.ConfigAdmin cm = new Fakes.ConfigAdmin().local(RUNNER, "maxTimeoutSeconds", "300",
            "maxMemoryMiB", "256");
    private final ConfigApplier applier = new ConfigApplier(cm.admin);

    private Map<String, Baseline> apply(Map<String, Map<String, Object>> config, Map<String, Baseline> baselines)
            throws Exception {
        return applier.apply(config, applier.baselinesFor(config, baselines));
    }

    @Test
    void setsRemoteKeysAndGivesLocalValuesBackWhenTheyGo() throws Exception {
        Map<String, Baseline> baselines = apply(Map.of(RUNNER, Map.of("maxTimeoutSeconds", 120L)), Map.of());

        assertThat(cm.get(RUNNER, "maxTimeoutSeconds")).isEqualTo(120L);
        assertThat(cm.get(RUNNER, "maxMemoryMiB")).isEqualTo("256");
        assertThat(cm.get(RUNNER, "felix.fileinstall.filename")).isEqualTo("file:/etc/" + RUNNER + ".cfg");
        assertThat(baselines.get(RUNNER).values()).containsOnlyKeys("maxTimeoutSeconds");

        // A local edit of a key the control plane never set survives the next revision.
        cm.store.get(RUNNER).put("maxMemoryMiB", "512");
        baselines = apply(Map.of(RUNNER, Map.of("maxTimeoutSeconds", 60L)), baselines);
        assertThat(cm.get(RUNNER, "maxTimeoutSeconds")).isEqualTo(60L);
        assertThat(cm.get(RUNNER, "maxMemoryMiB")).isEqualTo("512");

        // The overlay lets go of the key: its local value (a string, as in the .cfg file) is back.
        baselines = apply(Map.of(), baselines);
        assertThat(cm.get(RUNNER, "maxTimeoutSeconds")).isEqualTo("300");
        assertThat(baselines).isEmpty();
    }

    @Test
    void updatesOnlyWhatChanges() throws Exception {
        Map<String, Baseline> baselines = apply(Map.of(RUNNER, Map.of("maxTimeoutSeconds", 120L)), Map.of());
        assertThat(cm.writes).containsExactly("update " + RUNNER);

        apply(Map.of(RUNNER, Map.of("maxTimeoutSeconds", 120L)), baselines);

        assertThat(cm.writes).containsExactly("update " + RUNNER);
    }

    @Test
    void aPidThatHadNoConfigurationIsDeletedAgain() throws Exception {
        Map<String, Baseline> baselines = apply(Map.of(COLLECTOR, Map.of("retentionDays", 7)), Map.of());
        assertThat(cm.get(COLLECTOR, "retentionDays")).isEqualTo(7);
        assertThat(baselines.get(COLLECTOR).existed()).isFalse();

        apply(Map.of(), baselines);

        assertThat(cm.store).doesNotContainKey(COLLECTOR);
        assertThat(cm.writes).containsExactly("update " + COLLECTOR, "delete " + COLLECTOR);
    }

    @Test
    void aKeyWithoutLocalValueIsRemovedAgain() throws Exception {
        Map<String, Baseline> baselines = apply(Map.of(RUNNER, Map.of("maxStdoutKiB", 10L)), Map.of());
        assertThat(cm.get(RUNNER, "maxStdoutKiB")).isEqualTo(10L);

        apply(Map.of(), baselines);

        assertThat(cm.store.get(RUNNER)).doesNotContainKey("maxStdoutKiB").containsEntry("maxTimeoutSeconds", "300");
    }
}
