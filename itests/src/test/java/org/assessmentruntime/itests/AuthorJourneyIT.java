package org.assessmentruntime.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plugin author's whole journey, in each SDK language, with nothing but the CLI jar and the booted
 * distribution, as docs/write-a-plugin-*.md tell it: {@code plugin new} scaffolds a project outside this
 * repository, its {@code build.sh} compiles it, {@code plugin check} accepts it, {@code plugin keygen}
 * makes a key whose printed line the operator adds to the runtime's trusted keys, {@code plugin sign}
 * signs it, the three files are dropped into Karaf's {@code deploy/}, a job file in {@code etc/jobs}
 * schedules it every two seconds, and the scheduled runs' results are stored: PASS where the file holds
 * the phrase, FAIL where it does not, each naming the exact module that ran and verified by the
 * author's key.
 *
 * <p>The check is the scaffold's own (AC-8 banner check) pointed at {@code /etc/passwd}, which every
 * Linux host has and whose content the test knows ({@code root:}), so that both verdicts are certain.
 */
class AuthorJourneyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CLI as the build leaves it; failsafe runs in itests/. */
    private static final Path CLI = Path.of("..", "cli", "target", "assessment-cli.jar").toAbsolutePath().normalize();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension();

    @TempDir
    static Path authors;

    @BeforeAll
    static void cliIsBuilt() {
        assertThat(CLI).as("the CLI jar (build the cli module first: ./mvnw install -pl cli)").isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "rust", "assemblyscript"})
    void aNewPluginIsCheckedSignedDeployedAndScheduled(String lang, KarafDistribution karaf) throws Exception {
        String name = "acme/banner-" + lang;
        Path project = authors.resolve("banner-" + lang);

        Exec created = cli(authors, "plugin", "new", name, "--lang", lang, "--out", project.toString());
        assertThat(created.code).as("plugin new: %s", created).isZero();
        Exec built = exec(project, List.of("sh", "build.sh"));
        assertThat(built.code).as("build.sh: %s", built).isZero();
        Exec checked = cli(project, "plugin", "check", ".");
        assertThat(checked.code).as("plugin check: %s", checked).isZero();

        // The operator trusts the author's key by adding the line keygen prints to etc/.
        String keyId = "author-" + lang;
        Exec keygen = cli(project, "plugin", "keygen", "--out", "keys", "--key-id", keyId);
        assertThat(keygen.code).as("plugin keygen: %s", keygen).isZero();
        String trustedLine = keygen.stdout.lines().filter(l -> l.startsWith(keyId + " = ")).findFirst()
                .orElseThrow(() -> new AssertionError("keygen printed no trusted-keys line for " + keyId + ": " + keygen));
        Files.writeString(karaf.home().resolve("etc/plugins.trusted-keys.properties"), "\n" + trustedLine + "\n",
                UTF_8, StandardOpenOption.APPEND);
        Path key = onlyFile(project.resolve("keys"), ".key");
        Exec signed = cli(project, "plugin", "sign", ".", "--key", key.toString(), "--key-id", keyId);
        assertThat(signed.code).as("plugin sign: %s", signed).isZero();

        // Deploy: the signature first, so that FileInstall never sees an unsigned pair.
        Path deploy = karaf.home().resolve("deploy");
        String base = "banner-" + lang;
        Files.copy(project.resolve("plugin.sig"), deploy.resolve(base + ".sig"));
        Files.copy(project.resolve("plugin.wasm"), deploy.resolve(base + ".wasm"));
        Files.copy(project.resolve("plugin.json"), deploy.resolve(base + ".plugin.json"));
        karaf.awaitCommand("assessment:plugin-list --json", r -> listed(r, name), Duration.ofSeconds(60));

        String jobId = "author-" + lang;
        String absent = "no-such-phrase-" + UUID.randomUUID();
        Files.writeString(karaf.home().resolve("etc/jobs").resolve(jobId + ".json"), job(jobId, name, absent), UTF_8);

        CommandResult results = karaf.awaitCommand("assessment:results --job " + jobId + " --limit 50 --json",
                r -> statuses(r).containsAll(List.of("PASS", "FAIL")), Duration.ofSeconds(90));
        String digest = "sha256:" + sha256(Files.readAllBytes(project.resolve("plugin.wasm")));
        for (JsonNode stored : JSON.readTree(results.output())) {
            JsonNode result = stored.has("result") ? stored.path("result") : stored;
            assertThat(result.path("status").asText()).as("%s", result).isIn("PASS", "FAIL");
            JsonNode provenance = result.path("provenance");
            assertThat(provenance.path("plugin").toString()).as("%s", provenance).contains(name);
            assertThat(provenance.path("digest").asText()).as("the module the author built ran").isEqualTo(digest);
            String expected = "present".equals(result.path("activityId").asText()) ? "PASS" : "FAIL";
            assertThat(result.path("status").asText()).as("activity %s", result.path("activityId").asText())
                    .isEqualTo(expected);
        }
        CommandResult info = karaf.run("assessment:plugin-info --json " + name);
        JsonNode installed = JSON.readTree(info.output());
        assertThat(installed.path("source").asText()).as("%s", info).isEqualTo("DEPLOY_FOLDER");
        assertThat(installed.path("signature").asText()).as("%s", info).isEqualTo("VERIFIED");
    }

    /** A job running the plugin every two seconds: once where /etc/passwd holds the phrase, once where not. */
    private static String job(String id, String plugin, String absentPhrase) throws IOException {
        Map<String, Object> present = Map.of("id", "present", "title", "passwd names root",
                "plugin", Map.of("name", plugin, "version", "^0.1"),
                "configuration", Map.of("file", "/etc/passwd", "mustContain", "root:"));
        Map<String, Object> absent = Map.of("id", "absent", "title", "passwd holds a phrase it cannot hold",
                "plugin", Map.of("name", plugin, "version", "^0.1"),
                "configuration", Map.of("file", "/etc/passwd", "mustContain", absentPhrase));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("id", id,
                "title", "An author's new plugin, scheduled", "controlId", "ac-8",
                "tasks", List.of(Map.of("id", "every-2s", "title", "every two seconds",
                        "schedule", Map.of("cron", "*/2 * * * * *"),
                        "activities", List.of(present, absent)))));
    }

    private static boolean listed(CommandResult list, String name) {
        try {
            for (JsonNode plugin : JSON.readTree(list.output())) {
                if (name.equals(plugin.path("name").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> statuses(CommandResult results) {
        List<String> statuses = new ArrayList<>();
        try {
            for (JsonNode stored : JSON.readTree(results.output())) {
                JsonNode result = stored.has("result") ? stored.path("result") : stored;
                statuses.add(result.path("status").asText());
            }
        } catch (IOException e) {
            // not JSON yet (e.g. no results): keep waiting
        }
        return statuses;
    }

    private static Path onlyFile(Path dir, String suffix) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> keys = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(keys).as("%s files in %s", suffix, dir).hasSize(1);
            return keys.get(0);
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Exec cli(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", CLI.toString()));
        command.addAll(List.of(args));
        return exec(dir, command);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Exec exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(authors, "out", ".txt");
        Path err = Files.createTempFile(authors, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + BUILD_TIMEOUT);
        }
        return new Exec(command, process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** What a command did. */
    private record Exec(List<String> command, int code, String stdout, String stderr) {
        @Override
        public String toString() {
            return command + " exited " + code + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
