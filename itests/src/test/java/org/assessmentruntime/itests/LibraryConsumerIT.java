package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The libraries (API, executor, Chicory engine, plugin runner, plugin store, result store, OSCAL export)
 * work from a plain Maven project: {@code itests/library-consumer}, a standalone project without parent,
 * is built with the project's Maven wrapper against this build's version, from the local repository
 * {@code mvn install} filled, and its test (what the README's library example does) must pass.
 *
 * <p>Its build plugins and JUnit get the versions the root pom uses, read from the root pom, so that
 * nothing beyond what the reactor already downloaded is needed. Not offline ({@code -o}): a CI machine
 * online with a fresh local repository resolves the same way the reactor did.
 */
class LibraryConsumerIT {

    /** The root pom's properties the nested build uses, under the same names there. */
    private static final List<String> PINNED = List.of("compiler.plugin.version", "surefire.version",
            "jar.plugin.version", "resources.plugin.version", "junit.version", "slf4j.version");

    /** The example plugin the nested test runs, from the plugins zip the distribution ships. */
    private static final String PLUGIN = "sshd-hardening";

    /** Bound on the nested build: about 20 s here; generous for a cold, loaded CI machine. */
    private static final long TIMEOUT_MINUTES = 10;

    /** Root of the source tree; failsafe runs in itests/. */
    private final Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    private final Path consumer = root.resolve("itests/library-consumer");
    private final Path work = root.resolve("itests/target/library-consumer");

    @Test
    void buildsAndPassesAsAPlainMavenProject() throws Exception {
        String version = requiredProperty("assessment.itest.projectVersion");
        Path localRepository = Path.of(System.getProperty("assessment.itest.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path plugin = unpackPlugin(localRepository, version);
        Path reports = consumer.resolve("target/surefire-reports");
        deleteTree(reports); // a stale report must not count

        List<String> command = new ArrayList<>(List.of(wrapper().toString(), "-B", "-ntp", "-q", "verify",
                "-f", consumer.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + localRepository,
                "-Dassessment.version=" + version,
                "-Dassessment.example.plugin=" + plugin));
        rootPomProperties().forEach(p -> command.add("-D" + p));
        Files.createDirectories(work);
        Path log = work.resolve("build.log");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the nested build did not finish within " + TIMEOUT_MINUTES + " minutes: "
                    + command + "\n" + tail(log));
        }

        assertThat(process.exitValue()).as("exit status of %s%n%s", command, tail(log)).isZero();
        int[] counts = surefireCounts(reports); // tests, failures, errors, skipped
        assertThat(counts[0] - counts[3]).as("tests run by the nested build (%s)%n%s", reports, tail(log))
                .isGreaterThanOrEqualTo(1);
        assertThat(counts[1] + counts[2]).as("failures and errors of the nested build%n%s", tail(log)).isZero();
    }

    /** mvnw of the source tree, so the nested build runs on the Maven version the project pins. */
    private Path wrapper() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path wrapper = root.resolve(windows ? "mvnw.cmd" : "mvnw");
        assertThat(wrapper).as("the Maven wrapper").isRegularFile();
        return wrapper;
    }

    /** The plugin's directory (plugin.json, plugin.wasm), unpacked from the installed plugins zip. */
    private Path unpackPlugin(Path localRepository, String version) throws IOException {
        Path zip = localRepository.resolve("org/assessmentruntime/assessment-plugins").resolve(version)
                .resolve("assessment-plugins-" + version + "-plugins.zip");
        assertThat(zip).as("the plugins zip, installed by mvn install of plugins/").isRegularFile();
        Path target = work.resolve("plugin").resolve(PLUGIN);
        deleteTree(target);
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                String prefix = PLUGIN + "/";
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)
                        && !entry.getName().substring(prefix.length()).contains("/")) {
                    Files.copy(in, target.resolve(entry.getName().substring(prefix.length())),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        assertThat(target.resolve("plugin.wasm")).as("%s in %s", PLUGIN, zip).isRegularFile();
        assertThat(target.resolve("plugin.json")).as("%s in %s", PLUGIN, zip).isRegularFile();
        return target;
    }

    /** {@code name=value} of each {@link #PINNED} property of the root pom. */
    private List<String> rootPomProperties() throws Exception {
        Element properties;
        try (InputStream in = Files.newInputStream(root.resolve("pom.xml"))) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            properties = (Element) factory.newDocumentBuilder().parse(in).getDocumentElement()
                    .getElementsByTagName("properties").item(0);
        }
        List<String> values = new ArrayList<>();
        for (String name : PINNED) {
            Node node = properties.getElementsByTagName(name).item(0);
            assertThat(node).as("property %s in the root pom", name).isNotNull();
            values.add(name + "=" + node.getTextContent().strip());
        }
        return values;
    }

    /** Sums tests, failures, errors and skipped over the nested build's surefire XML reports. */
    private static int[] surefireCounts(Path reports) throws Exception {
        assertThat(reports).as("surefire reports of the nested build").isDirectory();
        int[] counts = new int[4];
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList();
        }
        assertThat(files).as("surefire XML reports in %s", reports).isNotEmpty();
        for (Path file : files) {
            Element suite;
            try (InputStream in = Files.newInputStream(file)) {
                suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
            }
            String[] attributes = {"tests", "failures", "errors", "skipped"};
            for (int i = 0; i < attributes.length; i++) {
                String value = suite.getAttribute(attributes[i]);
                counts[i] += value.isEmpty() ? 0 : Integer.parseInt(value);
            }
        }
        return counts;
    }

    /** The end of the nested build's output (its errors come last), and where the whole of it is. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name, "");
        assertThat(value).as("system property %s (set by itests/pom.xml)", name).isNotBlank();
        return value;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
