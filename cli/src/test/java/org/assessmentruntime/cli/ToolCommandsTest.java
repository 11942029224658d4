package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessmentruntime.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.cli.CliTestSupport.Run;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.ResultStores;
import org.assessmentruntime.api.model.PluginStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** plugin check, keygen, sign, verify; registry build; results export. */
class ToolCommandsTest {

    static final Path RESULT_FIXTURES = Path.of("../bundles/results-collector/src/test/resources/results");

    @TempDir
    Path dir;

    Path plugins;

    @BeforeEach
    void copyPlugins() throws Exception {
        assumeTrue(Files.isRegularFile(PluginRunCommandTest.BUILT.resolve("sshd-hardening/plugin.wasm")),
                "the example plugins are not built");
        plugins = dir.resolve("plugins");
        for (String name : new String[] { "sshd-hardening", "os-baseline" }) {
            Path to = Files.createDirectories(plugins.resolve(name));
            for (String file : new String[] { "plugin.json", "plugin.wasm" }) {
                Files.copy(PluginRunCommandTest.BUILT.resolve(name).resolve(file), to.resolve(file));
            }
        }
    }

    Path keys(String name) {
        Path out = dir.resolve(name);
        Run run = run("plugin", "keygen", "--out", out.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        return out;
    }

    Run sign(Path plugin, Path keys) {
        return run("plugin", "sign", plugin.toString(), "--key", keys.resolve("signing.key").toString(),
                "--key-id", "release-2026");
    }

    @Test
    void keygenWritesPemFilesAndRefusesToOverwrite() throws Exception {
        Path keys = keys("keys");
        assertThat(Files.readString(keys.resolve("signing.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(keys.resolve("signing.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        if (keys.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(keys.resolve("signing.key")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        String before = Files.readString(keys.resolve("signing.key"));

        Run again = run("plugin", "keygen", "--out", keys.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(again.stderr()).contains("already exists");
        assertThat(Files.readString(keys.resolve("signing.key"))).isEqualTo(before);
    }

    @Test
    void signThenVerifySucceeds() throws Exception {
        Path keys = keys("keys");
        Path sshd = plugins.resolve("sshd-hardening");

        Run signed = sign(sshd, keys);
        assertThat(signed.exitCode()).as("%s", signed).isZero();
        JsonNode sig = new ObjectMapper().readTree(sshd.resolve("plugin.sig").toFile());
        assertThat(sig.get("keyId").asText()).isEqualTo("release-2026");
        assertThat(sig.get("format").asText()).isEqualTo(PluginStatement.FORMAT);
        assertThat(sig.get("moduleDigest").asText()).isEqualTo("sha256:" + HexFormat.of().formatHex(
                Signing.sha256(Files.readAllBytes(sshd.resolve("plugin.wasm")))));
        assertThat(sig.get("manifestDigest").asText()).isEqualTo("sha256:" + HexFormat.of().formatHex(
                Signing.sha256(Files.readAllBytes(sshd.resolve("plugin.json")))));
        assertThat(sig.get("name").asText()).isEqualTo("examples/sshd-hardening");

        Run verified = run("plugin", "verify", sshd.toString(), "--pubkey", keys.resolve("signing.pub").toString());
        assertThat(verified.exitCode()).as("%s", verified).isZero();
        assertThat(verified.stdout()).contains("verified");
    }

    @Test
    void verifyFailsOnATamperedModuleManifestOrAnotherKey() throws Exception {
        Path keys = keys("keys");
        Path other = keys("other");
        Path sshd = plugins.resolve("sshd-hardening");
        assertThat(sign(sshd, keys).exitCode()).isZero();

        Run otherKey = run("plugin", "verify", sshd.toString(), "--pubkey", other.resolve("signing.pub").toString());
        assertThat(otherKey.exitCode()).as("%s", otherKey).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(otherKey.stderr()).contains("does not verify with the public key");

        byte[] manifest = Files.readAllBytes(sshd.resolve("plugin.json"));
        Files.writeString(sshd.resolve("plugin.json"), Files.readString(sshd.resolve("plugin.json")) + " ");
        Run manifestChanged = run("plugin", "verify", sshd.toString(), "--pubkey",
                keys.resolve("signing.pub").toString());
        assertThat(manifestChanged.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(manifestChanged.stderr()).contains("plugin.json does not match its signature");
        Files.write(sshd.resolve("plugin.json"), manifest);

        byte[] module = Files.readAllBytes(sshd.resolve("plugin.wasm"));
        module[module.length / 2] ^= 1;
        Files.write(sshd.resolve("plugin.wasm"), module);
        Run tampered = run("plugin", "verify", sshd.toString(), "--pubkey", keys.resolve("signing.pub").toString());
        assertThat(tampered.exitCode()).as("%s", tampered).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(tampered.stderr()).contains("plugin.wasm does not match its signature")
                .contains("changed after signing");
    }

    @Test
    void aRetiredV1SignatureFailsVerifyAndRegistryBuildWithAClearMessage() throws Exception {
        Path keys = keys("keys");
        Path sshd = plugins.resolve("sshd-hardening");
        byte[] digest = Signing.sha256(Files.readAllBytes(sshd.resolve("plugin.wasm")));
        java.security.Signature v1 = java.security.Signature.getInstance("Ed25519");
        v1.initSign(Signing.privateKey(keys.resolve("signing.key")));
        v1.update(digest);
        String signature = java.util.Base64.getEncoder().encodeToString(v1.sign());
        Files.writeString(sshd.resolve("plugin.sig"), "{\"sha256\": \"" + HexFormat.of().formatHex(digest)
                + "\", \"signature\": \"" + signature + "\", \"keyId\": \"release-2026\", \"manifestSha256\": \""
                + HexFormat.of().formatHex(Signing.sha256(Files.readAllBytes(sshd.resolve("plugin.json"))))
                + "\", \"manifestSignature\": \"" + signature + "\"}");

        Run verify = run("plugin", "verify", sshd.toString(), "--pubkey", keys.resolve("signing.pub").toString());
        assertThat(verify.exitCode()).as("%s", verify).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(verify.stderr()).contains("retired v1 format", "re-sign it with assessment-cli plugin sign");

        Files.delete(plugins.resolve("os-baseline/plugin.wasm"));
        Files.delete(plugins.resolve("os-baseline/plugin.json"));
        Files.delete(plugins.resolve("os-baseline"));
        Run build = run("registry", "build", plugins.toString(), "--out", dir.resolve("site").toString());
        assertThat(build.exitCode()).as("%s", build).isEqualTo(ExitCodes.DATA);
        assertThat(build.stderr()).contains("retired v1 format");
    }

    @Test
    void aSignatureMovedToAnotherVersionFailsVerify() throws Exception {
        Path keys = keys("keys");
        Path sshd = plugins.resolve("sshd-hardening");
        assertThat(sign(sshd, keys).exitCode()).isZero();
        Files.writeString(sshd.resolve("plugin.json"), Files.readString(sshd.resolve("plugin.json"))
                .replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"9.0.0\""));
        Run verify = run("plugin", "verify", sshd.toString(), "--pubkey", keys.resolve("signing.pub").toString());
        assertThat(verify.exitCode()).as("%s", verify).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(verify.stderr()).contains("plugin.json does not match its signature",
                "the signature is for examples/sshd-hardening@1.1.0, the plugin is examples/sshd-hardening@9.0.0");
    }

    @Test
    void verifyOfAnUnsignedPluginFails() {
        Path keys = keys("keys");
        Run run = run("plugin", "verify", plugins.resolve("os-baseline").toString(), "--pubkey",
                keys.resolve("signing.pub").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(run.stderr()).contains("not signed");
    }

    @Test
    void registryBuildWritesTheStaticLayoutWithVerifiableRecords() throws Exception {
        Path keys = keys("keys");
        for (String name : new String[] { "sshd-hardening", "os-baseline" }) {
            assertThat(sign(plugins.resolve(name), keys).exitCode()).isZero();
        }
        Path out = dir.resolve("site");

        Run run = run("registry", "build", plugins.toString(), "--out", out.toString(), "--base-url",
                "https://plugins.example.com/", "--pubkey", keys.resolve("signing.pub").toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        String name = new ObjectMapper().readTree(plugins.resolve("sshd-hardening/plugin.json").toFile())
                .get("name").asText();
        String version = new ObjectMapper().readTree(plugins.resolve("sshd-hardening/plugin.json").toFile())
                .get("version").asText();
        Path pluginDir = out.resolve("v1/plugins").resolve(name);
        JsonNode versions = new ObjectMapper().readTree(pluginDir.resolve("versions").toFile());
        assertThat(versions.get("versions").get(0).get("version").asText()).isEqualTo(version);
        Path versionDir = pluginDir.resolve(version);
        assertThat(versionDir.resolve("plugin.wasm")).hasSameBinaryContentAs(plugins.resolve("sshd-hardening/plugin.wasm"));
        assertThat(versionDir.resolve("plugin.json")).hasSameBinaryContentAs(plugins.resolve("sshd-hardening/plugin.json"));
        JsonNode download = new ObjectMapper().readTree(versionDir.resolve("download").toFile());
        assertThat(download.get("url").asText()).isEqualTo("https://plugins.example.com/v1/plugins/" + name + "/"
                + version + "/plugin.wasm");
        assertThat(download.get("keyId").asText()).isEqualTo("release-2026");
        byte[] digest = Signing.sha256(Files.readAllBytes(versionDir.resolve("plugin.wasm")));
        assertThat(download.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(digest));
        PublicKey key = Signing.publicKey(keys.resolve("signing.pub"));
        PluginStatement statement = PluginStatement.of(name, version,
                Files.readAllBytes(versionDir.resolve("plugin.wasm")), Files.readAllBytes(versionDir.resolve("plugin.json")));
        assertThat(download.get("manifestSha256").asText()).isEqualTo(statement.manifestDigest().hex());
        assertThat(download.get("signatureFormat").asText()).isEqualTo(PluginStatement.FORMAT);
        assertThat(statement.verify(key, download.get("signature").asText()))
                .isEqualTo(PluginStatement.Verdict.VALID);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2 * 4);
        }
    }

    @Test
    void registryBuildRefusesUnsignedAndMismatchingPlugins() throws Exception {
        Path keys = keys("keys");
        assertThat(sign(plugins.resolve("sshd-hardening"), keys).exitCode()).isZero();
        Path out = dir.resolve("site");

        Run unsigned = run("registry", "build", plugins.toString(), "--out", out.toString());
        assertThat(unsigned.exitCode()).as("%s", unsigned).isEqualTo(ExitCodes.DATA);
        assertThat(unsigned.stderr()).contains("os-baseline").contains("unsigned");
        assertThat(out).doesNotExist();

        assertThat(sign(plugins.resolve("os-baseline"), keys).exitCode()).isZero();
        byte[] module = Files.readAllBytes(plugins.resolve("os-baseline/plugin.wasm"));
        module[module.length - 1] ^= 1;
        Files.write(plugins.resolve("os-baseline/plugin.wasm"), module);
        Run mismatching = run("registry", "build", plugins.toString(), "--out", out.toString());
        assertThat(mismatching.exitCode()).isEqualTo(ExitCodes.DATA);
        assertThat(mismatching.stderr()).contains("plugin.wasm does not match its signature");
        assertThat(out).doesNotExist();
    }

    @Test
    void checkAcceptsAGoodPlugin() {
        Run run = run("plugin", "check", plugins.resolve("sshd-hardening").toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).contains("OK");
    }

    @Test
    void checkRefusesGarbageBytes() throws Exception {
        Path sshd = plugins.resolve("sshd-hardening");
        Files.write(sshd.resolve("plugin.wasm"), "not a module at all".getBytes());
        Run garbage = run("plugin", "check", sshd.toString());
        assertThat(garbage.exitCode()).as("%s", garbage).isEqualTo(ExitCodes.DATA);
        assertThat(garbage.stderr()).contains("invalid plugin");

        // A WebAssembly header followed by garbage: the engine refuses it.
        Files.write(sshd.resolve("plugin.wasm"), new byte[] { 0, 'a', 's', 'm', 1, 0, 0, 0, 42, 42, 42, 42 });
        Run bad = run("plugin", "check", sshd.toString());
        assertThat(bad.exitCode()).as("%s", bad).isEqualTo(ExitCodes.DATA);
        assertThat(bad.stderr()).contains("not a WASI command module");
    }

    @Test
    void resultsExportWritesAnOscalDocument() throws Exception {
        Path store = dir.resolve("store");
        try (ResultStore opened = ResultStores.open(store)) {
            for (String name : new String[] { "sshd-hardening-fail", "os-baseline-pass" }) {
                opened.store(CliJson.read(RESULT_FIXTURES.resolve(name + ".json"),
                        new TypeReference<AssessmentResult>() {
                        }, "a result"));
            }
        }
        Path oscal = dir.resolve("oscal.json");

        Run run = run("results", "export", "--oscal", oscal.toString(), "--store", store.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode document = new ObjectMapper().readTree(oscal.toFile());
        assertThat(document.has("assessment-results")).isTrue();
        assertThat(document.get("assessment-results").get("results")).isNotEmpty();
    }

    @Test
    void resultsExportOfAStoreInUseSaysSo() throws Exception {
        Path store = dir.resolve("store");
        try (ResultStore opened = ResultStores.open(store)) {
            opened.store(CliJson.read(RESULT_FIXTURES.resolve("os-baseline-pass.json"),
                    new TypeReference<AssessmentResult>() {
                    }, "a result"));
            Run run = run("results", "export", "--oscal", dir.resolve("o.json").toString(), "--store",
                    store.toString());
            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.stderr()).contains("cannot open the result store");
        }
        Run notAStore = run("results", "export", "--oscal", "-", "--store", dir.toString());
        assertThat(notAStore.exitCode()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(notAStore.stderr()).contains("is not a result store");
    }

    @Test
    void everyNewCommandHasHelpWithExitCodes() {
        for (String[] command : new String[][] { { "plugin", "check" }, { "plugin", "keygen" },
            { "plugin", "sign" }, { "plugin", "verify" }, { "registry", "build" }, { "results", "export" } }) {
            Run run = run(command[0], command[1], "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).contains("Usage:").contains("Exit codes:");
        }
    }
}
