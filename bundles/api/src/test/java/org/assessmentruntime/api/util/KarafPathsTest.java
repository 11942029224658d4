package org.assessmentruntime.api.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KarafPathsTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(KarafPaths.KARAF_DATA);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(KarafPaths.KARAF_DATA);
        } else {
            System.setProperty(KarafPaths.KARAF_DATA, saved);
        }
    }

    @Test
    void isKarafsDataDirectoryWhenSet() {
        System.setProperty(KarafPaths.KARAF_DATA, "/opt/runtime/data");

        assertThat(KarafPaths.data()).isEqualTo(Path.of("/opt/runtime/data"));
        assertThat(KarafPaths.dataDirectory("scheduler")).isEqualTo(Path.of("/opt/runtime/data/scheduler"));
    }

    @Test
    void isDataInTheWorkingDirectoryWhenNotSetOrBlank() {
        Path fallback = Path.of("data").toAbsolutePath();

        System.clearProperty(KarafPaths.KARAF_DATA);
        assertThat(KarafPaths.data()).isEqualTo(fallback).isAbsolute();
        System.setProperty(KarafPaths.KARAF_DATA, " ");
        assertThat(KarafPaths.dataDirectory("remote-config")).isEqualTo(fallback.resolve("remote-config"));
    }
}
