package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void resolvesKarafDataAndAcceptsAbsolutePaths() {
        assertThat(DataDirectory.resolve(DataDirectory.DEFAULT, "/opt/runtime/data"))
                .isEqualTo(Path.of("/opt/runtime/data/results"));
        assertThat(DataDirectory.resolve("", "/opt/runtime/data")).isEqualTo(Path.of("/opt/runtime/data/results"));
        assertThat(DataDirectory.resolve(" /var/lib/results/../store ", null)).isEqualTo(Path.of("/var/lib/store"));
    }

    @Test
    void refusesWhatItCannotResolve() {
        assertThatThrownBy(() -> DataDirectory.resolve(DataDirectory.DEFAULT, null))
                .hasMessageContaining("karaf.data").hasMessageContaining("not set");
        assertThatThrownBy(() -> DataDirectory.resolve("data/results", "/opt"))
                .hasMessageContaining("absolute");
    }
}
