package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessmentruntime.cli.CliTestSupport.run;
import static org.assessmentruntime.cli.WasmRunCommandTest.assertUsage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.assessmentruntime.cli.CliTestSupport.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code plugin run} on the real example plugins (as the plugins module builds them) and their fixtures. */
class PluginRunCommandTest {

    static final Path BUILT = Path.of(System.getProperty("plugins.built.dir", "target/example-plugins"));
    static final Path EXAMPLES = Path.of(System.getProperty("plugins.examples.dir", "../plugins/examples"));

    @TempDir
    Path dir;

    Path sshd;

    @BeforeEach
    void plugins() {
        sshd = BUILT.resolve("sshd-hardening");
        assumeTrue(Files.isRegularFile(sshd.resolve("plugin.wasm")), "the example plugins are not built");
    }

    static String fixture(String plugin, String name) {
        return EXAMPLES.resolve(plugin).resolve("test/fixtures").resolve(name).toString();
    }

    static JsonNode json(Run run) throws Exception {
        return new ObjectMapper().readTree(run.stdout());
    }

    @Test
    void aPassFixturePassesAndPrintsTheResult() throws Exception {
        Run run = run("plugin", "run", sshd.toString(), "--grant", fixture("sshd-hardening", "pass") + "::/etc/ssh");

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode result = json(run);
        assertThat(result.get("status").asText()).isEqualTo("PASS");
        assertThat(result.get("findings")).hasSize(10);
        assertThat(result.get("provenance").get("plugin").get("name").asText()).isEqualTo("examples/sshd-hardening");
        assertThat(result.get("provenance").get("engine").asText()).isEqualTo("chicory");
        assertThat(result.get("provenance").get("digest").asText()).startsWith("sha256:");
        assertThat(result.get("provenance").get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(run.stdout()).contains("\n  \"status\"");
    }

    @Test
    void aFailFixtureFailsWithExitCodeZero() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"maxAuthTries\": 3}");
        Path target = Files.writeString(dir.resolve("target.json"),
                "{\"id\": \"web-01\", \"type\": \"inventory-item\", \"facts\": {\"address\": \"10.0.0.15\"}}");

        Run run = run("plugin", "run", sshd.resolve("plugin.json").toString(), "--config", config.toString(),
                "--target", target.toString(), "--grant", fixture("sshd-hardening", "fail") + "::/etc/ssh",
                "--engine", "chicory");

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode result = json(run);
        assertThat(result.get("status").asText()).isEqualTo("FAIL");
        assertThat(result.get("findings").findValuesAsText("state")).contains("not-satisfied");
    }

    @Test
    void osBaselineWithTwoGrants() throws Exception {
        Run run = run("plugin", "run", BUILT.resolve("os-baseline").toString(),
                "--grant", fixture("os-baseline", "ubuntu2004/etc") + "::/etc",
                "--grant", fixture("os-baseline", "ubuntu2004/usr/lib") + "::/usr/lib");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(json(run).get("status").asText()).isEqualTo("FAIL");
    }

    @Test
    void anInvalidConfigurationIsAnErrorResult() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"maxAuthTries\": 0, \"colour\": \"red\"}");

        Run run = run("plugin", "run", sshd.toString(), "--config", config.toString(), "--grant",
                fixture("sshd-hardening", "pass") + "::/etc/ssh");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.RESULT_ERROR);
        JsonNode result = json(run);
        assertThat(result.get("status").asText()).isEqualTo("ERROR");
        assertThat(result.get("errorKind").asText()).isEqualTo("INVALID_CONFIGURATION");
        assertThat(result.get("reason").asText()).contains("$.maxAuthTries").contains("colour");
        assertThat(run.stderr()).contains("ERROR (INVALID_CONFIGURATION)");
    }

    @Test
    void limitsCanOnlyBeTightenedAndAreEnforced() throws Exception {
        Run run = run("plugin", "run", sshd.toString(), "--max-memory", "64KiB", "--grant",
                fixture("sshd-hardening", "pass") + "::/etc/ssh");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.RESULT_ERROR);
        assertThat(json(run).get("errorKind").asText()).isEqualTo("MEMORY_LIMIT");
    }

    @Test
    void badInputsAreReported() throws Exception {
        Path notJson = Files.writeString(dir.resolve("config.json"), "{maxAuthTries: 3}");
        Path array = Files.writeString(dir.resolve("array.json"), "[1]");
        Path badTarget = Files.writeString(dir.resolve("target.json"), "{\"id\": \"x\"}");

        Run syntax = run("plugin", "run", sshd.toString(), "--config", notJson.toString());
        assertThat(syntax.exitCode()).as("%s", syntax).isEqualTo(ExitCodes.DATA);
        assertThat(syntax.stderr()).contains("config.json").contains("not valid JSON");

        Run notObject = run("plugin", "run", sshd.toString(), "--config", array.toString());
        assertThat(notObject.exitCode()).as("%s", notObject).isEqualTo(ExitCodes.DATA);
        assertThat(notObject.stderr()).contains("array.json").contains("must be a JSON object");

        Run target = run("plugin", "run", sshd.toString(), "--target", badTarget.toString());
        assertThat(target.exitCode()).as("%s", target).isEqualTo(ExitCodes.DATA);
        assertThat(target.stderr()).contains("target.json").contains("Target.type is required");

        Run missing = run("plugin", "run", sshd.toString(), "--config", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).as("%s", missing).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(missing.stderr()).contains("nope.json");

        Run noPlugin = run("plugin", "run", dir.resolve("no-such-plugin").toString());
        assertThat(noPlugin.exitCode()).isEqualTo(ExitCodes.NO_INPUT);

        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.copy(sshd.resolve("plugin.wasm"), broken.resolve("plugin.wasm"));
        Files.writeString(broken.resolve("plugin.json"), "{\"name\": \"examples/broken\", \"version\": \"1.0.0\", "
                + "\"abiVersion\": 2}");
        Run abi = run("plugin", "run", broken.toString());
        assertThat(abi.exitCode()).as("%s", abi).isEqualTo(ExitCodes.DATA);
        assertThat(abi.stderr()).contains("plugin.json").contains("abiVersion 2 is not supported");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertUsage(run("plugin", "run", sshd.toString(), "--grant", fixture("sshd-hardening", "pass") + "::/srv"),
                "--grant", "/srv", "/etc/ssh");
        assertUsage(run("plugin", "run", sshd.toString(), "--grant", fixture("sshd-hardening", "pass")), "--grant",
                "HOST::GUEST");
        assertUsage(run("plugin", "run", sshd.toString(), "--grant", dir.resolve("absent") + "::/etc/ssh"),
                "--grant", "does not exist");
        assertUsage(run("plugin", "run", sshd.toString(), "--engine", "v8"), "--engine", "v8");
        assertUsage(run("plugin", "run"), "PLUGIN");
        assertUsage(run("plugin", "run", sshd.toString(), "--timeout", "soon"), "--timeout", "soon");
    }

    @Test
    void helpDocumentsOptionsAndExitCodes() {
        Run run = run("plugin", "run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("--config", "--target", "--grant", "--engine", "Exit codes:",
                "ERROR", "64", "65", "66", "69");
        Run top = run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout()).contains("wasm", "plugin");
    }
}
