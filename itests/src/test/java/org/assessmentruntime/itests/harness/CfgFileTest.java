package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesInPlaceKeepsCommentsAndAppendsNewKeys() throws Exception {
        Path f = dir.resolve("org.apache.karaf.shell.cfg");
        Files.write(f, List.of(
                "# sshPort = 1",
                "sshPort = 8101",
                "sshHost=0.0.0.0",
                "sshRealm = karaf"), StandardCharsets.ISO_8859_1);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sshPort", "12345");
        values.put("sshHost", "127.0.0.1");
        values.put("newKey", "v");
        CfgFile.set(f, values);
        assertThat(Files.readAllLines(f, StandardCharsets.ISO_8859_1)).containsExactly(
                "# sshPort = 1",
                "sshPort = 12345",
                "sshHost = 127.0.0.1",
                "sshRealm = karaf",
                "newKey = v");
    }

    @Test
    void replacesAValueWithContinuationLines() throws Exception {
        Path f = dir.resolve("org.ops4j.pax.url.mvn.cfg");
        Files.write(f, List.of(
                "org.ops4j.pax.url.mvn.repositories= \\",
                "    https://repo1.maven.org/maven2@id=central, \\",
                "    https://example.org/x@id=x",
                "org.ops4j.pax.url.mvn.timeout = 5000"), StandardCharsets.ISO_8859_1);
        CfgFile.set(f, Map.of("org.ops4j.pax.url.mvn.repositories", ""));
        assertThat(Files.readAllLines(f, StandardCharsets.ISO_8859_1)).containsExactly(
                "org.ops4j.pax.url.mvn.repositories = ",
                "org.ops4j.pax.url.mvn.timeout = 5000");
    }

    @Test
    void doesNotMatchALongerKeyOrACommentedOne() throws Exception {
        Path f = dir.resolve("x.cfg");
        Files.write(f, List.of("sshPortX = 1", "#sshPort = 2"), StandardCharsets.ISO_8859_1);
        assertThat(CfgFile.defines(f, "sshPort")).isFalse();
        assertThat(CfgFile.defines(f, "sshPortX")).isTrue();
    }

    @Test
    void findsEscapedGroupKey() throws Exception {
        Path f = dir.resolve("keys.properties");
        Files.write(f, List.of("#karaf=AAAA,_g_:admingroup", SshIdentity.ADMIN_GROUP_LINE), StandardCharsets.ISO_8859_1);
        assertThat(CfgFile.defines(f, "_g_\\:admingroup")).isTrue();
        assertThat(CfgFile.defines(f, "_g_\\:othergroup")).isFalse();
    }

    @Test
    void continuationNeedsAnOddNumberOfBackslashes() {
        assertThat(CfgFile.continues("a = b \\")).isTrue();
        assertThat(CfgFile.continues("a = c:\\\\")).isFalse();
        assertThat(CfgFile.continues("a = b")).isFalse();
    }
}
