package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KarafLogTest {

    // Lines as Karaf 4.4.10 writes them (log4j2.pattern in etc/org.ops4j.pax.logging.cfg).
    static final List<String> LINES = List.of(
            "2026-11-25T16:37:54,548 | INFO  | activator-1-thread-2 | FeaturesServiceImpl              | 19 - org.apache.karaf.features.core - 4.4.10 | Adding features: ERROR is only a word here",
            "2026-11-25T16:37:55,000 | ERROR | features-3-thread-1 | FeaturesServiceImpl              | 19 - org.apache.karaf.features.core - 4.4.10 | Error installing boot features",
            "java.lang.IllegalStateException: boom",
            "\tat org.example.Foo.bar(Foo.java:1)",
            "2026-11-25T16:37:56,000 | WARN  | FelixStartLevel  | core                             | 24 - org.apache.aries.jmx.core - 1.1.8 | Task rejected",
            "2026-11-25T16:37:57,000 | ERROR | main             | Main                             |  -  -  | second");

    @Test
    void groupsAnEntryWithItsStackTraceAndMatchesTheLevelColumnOnly() {
        List<String> errors = KarafLog.entries(LINES, Set.of("ERROR"));
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("2026-11-25T16:37:55,000 | ERROR |")
                .contains("java.lang.IllegalStateException: boom", "Foo.java:1")
                .doesNotContain("Task rejected");
        assertThat(errors.get(1)).endsWith("second");
        assertThat(KarafLog.entries(LINES, Set.of("WARN"))).singleElement().asString().contains("Task rejected");
        assertThat(KarafLog.entries(LINES, Set.of("INFO"))).hasSize(1);
    }

    @Test
    void missingFileIsEmpty(@TempDir Path dir) {
        KarafLog log = new KarafLog(dir.resolve("nope.log"));
        assertThat(log.errors()).isEmpty();
        assertThat(log.tail(10)).isEmpty();
    }

    @Test
    void tailReturnsTheLastLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("karaf.log");
        Files.write(f, LINES);
        assertThat(new KarafLog(f).tail(2).split("\n")).hasSize(2);
        assertThat(new KarafLog(f).errors()).hasSize(2);
    }
}
