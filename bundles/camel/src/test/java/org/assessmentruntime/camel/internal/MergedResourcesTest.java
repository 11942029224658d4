package org.assessmentruntime.camel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Guards the unpack-and-merge of the embedded jars (see the pom): a resource that several jars carry
 * at the same path must be merged or deliberately dropped, never left to "last copy wins".
 */
class MergedResourcesTest {

    private static final String LOADERS = "META-INF/services/org/apache/camel/TypeConverterLoader";
    /** Loaders the pom leaves out because they need an API the runtime does not have. */
    private static final Set<String> EXCLUDED_LOADERS = Set.of("org.apache.camel.attachment.AttachmentConverterLoader");

    private final Path embedded = Path.of(System.getProperty("embedded.dir", "target/embedded"));
    private final Path classes = Path.of(System.getProperty("classes.dir", "target/classes"));

    @Test
    void everyJarTheRuntimeNeedsIsEmbedded() throws IOException {
        // Most arrive transitively; this notices when an upstream pom stops bringing one.
        assertThat(jars()).extracting(jar -> jar.getFileName().toString()).contains(
                "camel-api", "camel-util", "camel-support", "camel-base", "camel-base-engine", "camel-core-engine",
                "camel-core-model", "camel-core-processor", "camel-core-reifier", "camel-core-languages",
                "camel-management-api", "camel-management", "camel-timer", "camel-log", "camel-direct",
                "camel-seda", "camel-http", "camel-http-base", "camel-http-common", "camel-jackson",
                "camel-util-json", "httpclient5", "httpcore5", "jakarta.servlet-api", "camel-kafka", "kafka-clients");
    }

    @Test
    void testsSeeTheMergedContentNotTheUpstreamJars() throws Exception {
        // Otherwise every other test here would pass on a flat class path whatever the merge did.
        Path camelApi = Path.of(org.apache.camel.CamelContext.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        assertThat(camelApi).isEqualTo(classes.toAbsolutePath());
        assertThat(getClass().getClassLoader().getResources(LOADERS).asIterator()).toIterable().hasSize(1);
    }

    @Test
    void typeConverterLoaderListIsTheUnionOfAllJars() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Path jar : jars()) {
            Path list = jar.resolve(LOADERS);
            if (Files.exists(list)) {
                expected.addAll(entries(list));
            }
        }
        expected.removeAll(EXCLUDED_LOADERS);

        assertThat(expected).as("loaders found in the embedded jars").hasSizeGreaterThan(3);
        assertThat(entries(classes.resolve(LOADERS))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyListedLoaderCanBeLoaded() throws Exception {
        for (String name : entries(classes.resolve(LOADERS))) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull();
        }
    }

    @Test
    void noResourceIsSilentlyOverwritten() throws IOException {
        Map<String, List<Path>> copies = new TreeMap<>();
        for (Path jar : jars()) {
            try (Stream<Path> files = Files.walk(jar)) {
                files.filter(Files::isRegularFile)
                        .forEach(file -> copies.computeIfAbsent(jar.relativize(file).toString().replace('\\', '/'),
                                key -> new ArrayList<>()).add(file));
            }
        }
        List<String> clashes = new ArrayList<>();
        copies.forEach((path, files) -> {
            boolean shipped = Files.exists(classes.resolve(path));
            if (files.size() > 1 && shipped && !path.equals(LOADERS) && !identical(files)) {
                clashes.add(path + " " + files);
            }
        });
        assertThat(clashes).as("resources that differ between jars and are shipped as one copy").isEmpty();
    }

    private List<Path> jars() throws IOException {
        try (Stream<Path> dirs = Files.list(embedded)) {
            List<Path> jars = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(jars).as("unpacked jars in " + embedded).hasSizeGreaterThan(20);
            return jars;
        }
    }

    private static List<String> entries(Path list) throws IOException {
        return Files.readAllLines(list).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static boolean identical(List<Path> files) {
        try {
            byte[] first = Files.readAllBytes(files.get(0));
            for (Path file : files.subList(1, files.size())) {
                if (!java.util.Arrays.equals(first, Files.readAllBytes(file))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
