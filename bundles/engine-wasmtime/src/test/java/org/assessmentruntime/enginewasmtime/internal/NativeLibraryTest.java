package org.assessmentruntime.enginewasmtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The native library is extracted once into our directory, never into the temporary directory. */
class NativeLibraryTest {

    @Test
    void extractsOnceIntoADirectoryNamedByItsHashAndNothingIntoTmp() throws Exception {
        Path loaded = NativeLibrary.load(TestEngines.nativeDirectory());

        String sha256 = resourceText("/native/" + NativeLibrary.platform() + "/libwasmtime_jni.so.sha256").trim();
        assertThat(loaded).isEqualTo(TestEngines.nativeDirectory().resolve(sha256).resolve("libwasmtime_jni.so"));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(loaded))))
                .isEqualTo(sha256);
        assertThat(NativeLibrary.load(TestEngines.nativeDirectory())).isSameAs(loaded);
        // Upstream's loader, had it run, would have left libwasmtime_jni_0.19.0_linux_x86_64<digits>.so here.
        assertThat(wasmtimeFiles(Path.of(System.getProperty("java.io.tmpdir")))).isEmpty();
    }

    @Test
    void aSecondClassLoaderGetsAPrivateCopyThatIsDeletedAtOnce() throws Exception {
        Path directory = TestEngines.nativeDirectory();
        NativeLibrary.load(directory);
        URL classes = NativeLibrary.class.getProtectionDomain().getCodeSource().getLocation();
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();

        // As after a bundle refresh: the same classes in a new class loader, the old one still alive.
        try (URLClassLoader refreshed = new URLClassLoader(new URL[] { classes, slf4j },
                ClassLoader.getPlatformClassLoader())) {
            Method load = refreshed.loadClass(NativeLibrary.class.getName()).getDeclaredMethod("load", Path.class);
            load.setAccessible(true);
            Path copy = (Path) load.invoke(null, directory);

            assertThat(copy).isNotEqualTo(NativeLibrary.load(directory)).doesNotExist();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void removesWhatUpstreamsLoaderLeftInTmpAndNothingElse(@TempDir Path tmp) throws IOException {
        List<String> leftovers = List.of("libwasmtime_jni_0.19.0_linux_x86_644019263371291964926.so",
                "libwasmtime_jni_0.18.0_linux_aarch6412.so", "libwasmtime_jni_0.19.0_macos_aarch641.dylib");
        List<String> others = List.of("libwasmtime_jni.so", "libwasmtime_jni_0.19.0_linux_x86_64.so.txt", "other.so");
        for (String name : leftovers) {
            Files.writeString(tmp.resolve(name), "x");
        }
        for (String name : others) {
            Files.writeString(tmp.resolve(name), "x");
        }
        Files.createDirectory(tmp.resolve("libwasmtime_jni_0.19.0_linux_x86_6477.so"));

        assertThat(NativeLibrary.removeUpstreamLeftovers(tmp)).isEqualTo(3);

        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("libwasmtime_jni.so",
                    "libwasmtime_jni_0.19.0_linux_x86_64.so.txt", "other.so", "libwasmtime_jni_0.19.0_linux_x86_6477.so");
        }
    }

    private static List<Path> wasmtimeFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().contains("wasmtime")).toList();
        }
    }

    private static String resourceText(String path) throws IOException {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
