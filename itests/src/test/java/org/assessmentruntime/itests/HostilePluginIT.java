package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.itests.harness.PluginSigner;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile plugins against the booted distribution with its shipped configuration (issue 15): what an
 * attacker who can drop files into {@code deploy/} or {@code etc/jobs/}, or who controls a plugin's
 * bytes, tried. The runtime holds a client secret in its environment, as a connected runtime does.
 *
 * <p>The modules are WebAssembly text in {@code src/test/resources/hostile}, compiled here with
 * {@code wat2wasm} (wabt, installed by {@code .ci/install-toolchain}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostilePluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "it-secret-" + Long.toHexString(System.nanoTime());
    private static final String CCF_SECRET = "it-ccf-secret-" + Long.toHexString(System.nanoTime());
    private static final Duration INSTALL = Duration.ofSeconds(60);

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> options
            // Standalone (no URL), but with the secrets in the environment a connected runtime has.
            .environment("ASSESSMENT_CLIENT_SECRET", SECRET)
            .environment("CCF_API_AUTH_CLIENT_SECRET", CCF_SECRET));

    @TempDir
    static Path work;

    @Test
    @Order(10)
    void anUnsignedPluginDroppedIntoDeployIsRefusedAndNeverInstalled(KarafDistribution karaf) throws IOException {
        Path deploy = karaf.home().resolve("deploy");
        Files.write(deploy.resolve("unsigned-leak.wasm"), module("env-leak"));
        Files.write(deploy.resolve("unsigned-leak.plugin.json"), leakManifest("hostile/unsigned-leak", "1.0.0"));

        CommandResult status = karaf.awaitCommand("assessment:status --json",
                r -> r.output().contains("unsigned-leak"), INSTALL);
        assertThat(status.output()).as("the refusal is named in status").contains("unsigned-leak");
        assertThat(pluginNames(karaf)).doesNotContain("hostile/unsigned-leak");
    }

    @Test
    @Order(20)
    void anUnsignedVersionDoesNotShadowTheSignedOneAShippedJobUses(KarafDistribution karaf) throws IOException {
        Path examples = karaf.home().resolve("plugins/examples/os-baseline");
        ObjectNode manifest = (ObjectNode) JSON.readTree(examples.resolve("plugin.json").toFile());
        // Within the shipped job's constraint (^1.0) and higher than the signed 1.0.0: before the fix it won.
        manifest.put("version", "1.9.9");
        Path deploy = karaf.home().resolve("deploy");
        Files.write(deploy.resolve("os-shadow.wasm"), module("env-leak"));
        Files.write(deploy.resolve("os-shadow.plugin.json"), JSON.writeValueAsBytes(manifest));

        karaf.awaitCommand("assessment:status --json", r -> r.output().contains("os-shadow"), INSTALL);
        JsonNode run = runJob(karaf, "host-os");
        assertThat(results(run)).as("%s", run).isNotEmpty();
        for (JsonNode result : results(run)) {
            assertThat(result.path("provenance").path("plugin").toString()).as("%s", result).contains("1.0.0")
                    .doesNotContain("1.9.9");
            assertThat(result.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    @Order(30)
    void aTrustedSignatureDoesNotCoverAnotherVersionOrAWiderManifest(KarafDistribution karaf) throws IOException {
        Path examples = karaf.home().resolve("plugins/examples/os-baseline");
        Path signature = signatureOf(examples);
        ObjectNode manifest = (ObjectNode) JSON.readTree(examples.resolve("plugin.json").toFile());
        manifest.put("version", "1.0.1");
        ((ObjectNode) manifest.path("grants")).putArray("env").add("ASSESSMENT_CLIENT_SECRET");
        Path deploy = karaf.home().resolve("deploy");
        Files.copy(examples.resolve("plugin.wasm"), deploy.resolve("os-wider.wasm"));
        Files.write(deploy.resolve("os-wider.plugin.json"), JSON.writeValueAsBytes(manifest));
        Files.copy(signature, deploy.resolve("os-wider.sig"));

        karaf.awaitCommand("assessment:status --json", r -> r.output().contains("os-wider"), INSTALL);
        assertThat(versions(karaf, "examples/os-baseline")).as("the re-signed claim is refused")
                .doesNotContain("1.0.1");
    }

    @Test
    @Order(40)
    void aSignedPluginGrantingItselfTheHostAndTheSecretIsRejectedAndLeaksNothing(KarafDistribution karaf)
            throws IOException {
        PluginSigner signer = PluginSigner.trustedBy(karaf.home(), "hostile-it");
        deploySigned(karaf, signer, "signed-leak", module("env-leak"), leakManifest("hostile/signed-leak", "1.0.0"));
        karaf.awaitCommand("assessment:plugin-list --json", r -> r.output().contains("hostile/signed-leak"), INSTALL);
        addJob(karaf, "leak", "hostile/signed-leak");

        JsonNode run = runJob(karaf, "leak");
        List<JsonNode> results = results(run);
        assertThat(results).as("%s", run).isNotEmpty();
        for (JsonNode result : results) {
            assertThat(result.path("status").asText()).as("%s", result).isEqualTo("ERROR");
            assertThat(result.path("errorKind").asText()).as("%s", result).isEqualTo("PLUGIN_REJECTED");
            assertThat(result.toString()).contains("ASSESSMENT_CLIENT_SECRET").doesNotContain(SECRET)
                    .doesNotContain(CCF_SECRET);
        }
        assertThat(karaf.run("assessment:results --json --limit 1000").output()).doesNotContain(SECRET)
                .doesNotContain(CCF_SECRET);
    }

    @Test
    @Order(50)
    void blankLogLinesLeaveEveryReaderOfTheStoreWorking(KarafDistribution karaf) throws IOException {
        PluginSigner signer = PluginSigner.trustedBy(karaf.home(), "hostile-it-logs");
        ObjectNode manifest = JSON.createObjectNode().put("name", "hostile/blank-logs").put("version", "1.0.0")
                .put("abiVersion", 1);
        deploySigned(karaf, signer, "blank-logs", module("blank-logs"), JSON.writeValueAsBytes(manifest));
        karaf.awaitCommand("assessment:plugin-list --json", r -> r.output().contains("hostile/blank-logs"), INSTALL);
        addJob(karaf, "blank-logs", "hostile/blank-logs");

        JsonNode run = runJob(karaf, "blank-logs");
        assertThat(results(run)).as("%s", run).anySatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("PASS"));

        for (String reader : List.of("assessment:results --json --limit 1000", "assessment:runs",
                "assessment:export --oscal " + work.resolve("out.json"))) {
            // Retried: now and then Karaf's SSH server closes a channel with much output before it sends
            // the exit status (the harness then reads null); a reader that fails fails every time.
            CommandResult r = karaf.awaitCommand(reader, CommandResult::succeeded, Duration.ofSeconds(30));
            assertThat(r.succeeded()).as("%s", r).isTrue();
        }
        assertThat(Files.getPosixFilePermissions(work.resolve("out.json")))
                .as("an export holds what plugins saw: the runtime's user alone reads it")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static byte[] module(String name) throws IOException {
        Path wat = Path.of("src/test/resources/hostile", name + ".wat").toAbsolutePath();
        Path wasm = work.resolve(name + ".wasm");
        Process p = new ProcessBuilder("wat2wasm", wat.toString(), "-o", wasm.toString()).redirectErrorStream(true)
                .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("wat2wasm %s: %s", name, out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return Files.readAllBytes(wasm);
    }

    /** A manifest granting the whole host and the control plane's secrets. */
    private static byte[] leakManifest(String name, String version) throws IOException {
        ObjectNode manifest = JSON.createObjectNode().put("name", name).put("version", version).put("abiVersion", 1);
        ObjectNode grants = manifest.putObject("grants");
        grants.putArray("directories").addObject().put("hostPath", "/").put("guestPath", "/");
        grants.putArray("env").add("ASSESSMENT_CLIENT_SECRET").add("CCF_API_AUTH_CLIENT_SECRET");
        return JSON.writeValueAsBytes(manifest);
    }

    private static void deploySigned(KarafDistribution karaf, PluginSigner signer, String base, byte[] module,
            byte[] manifest) throws IOException {
        Path deploy = karaf.home().resolve("deploy");
        // The signature first: the pair is picked up as soon as module and manifest are both there.
        Files.write(deploy.resolve(base + ".sig"), signer.signatureFile(module, manifest));
        Files.write(deploy.resolve(base + ".wasm"), module);
        Files.write(deploy.resolve(base + ".plugin.json"), manifest);
    }

    private static Path signatureOf(Path pluginDir) throws IOException {
        try (var files = Files.list(pluginDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sig")).findFirst()
                    .orElseThrow(() -> new AssertionError("no signature shipped in " + pluginDir));
        }
    }

    private static void addJob(KarafDistribution karaf, String id, String plugin) throws IOException {
        ObjectNode job = JSON.createObjectNode().put("id", id).put("title", "hostile " + id);
        ObjectNode task = job.putArray("tasks").addObject().put("id", "on-demand").put("title", "on demand");
        task.putArray("activities").addObject().put("id", "run").put("title", "run it").putObject("plugin")
                .put("name", plugin);
        Files.write(karaf.home().resolve("etc/jobs").resolve(id + ".json"), JSON.writeValueAsBytes(job));
        karaf.awaitCommand("assessment:jobs --json", r -> r.output().contains("\"" + id + "\""), INSTALL);
    }

    private static JsonNode runJob(KarafDistribution karaf, String job) throws IOException {
        CommandResult r = karaf.run("assessment:run --wait --json " + job, Duration.ofSeconds(120));
        return JSON.readTree(r.output());
    }

    /** The results in a {@code run --wait --json} document (a list, or one result). */
    private static List<JsonNode> results(JsonNode run) {
        List<JsonNode> out = new ArrayList<>();
        if (run.isArray()) {
            run.forEach(n -> out.add(n.has("result") ? n.path("result") : n));
        } else if (run.has("results")) {
            run.path("results").forEach(n -> out.add(n.has("result") ? n.path("result") : n));
        } else {
            out.add(run.has("result") ? run.path("result") : run);
        }
        return out;
    }

    private static List<String> pluginNames(KarafDistribution karaf) throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(karaf.run("assessment:plugin-list --json").output())
                .forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static List<String> versions(KarafDistribution karaf, String name) throws IOException {
        List<String> versions = new ArrayList<>();
        for (JsonNode p : JSON.readTree(karaf.run("assessment:plugin-list --json").output())) {
            if (name.equals(p.path("name").asText())) {
                versions.add(p.path("version").asText());
            }
        }
        return versions;
    }
}
