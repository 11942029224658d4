package org.assessmentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessmentruntime.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.assessmentruntime.cli.CliTestSupport.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code plugin run} grants nothing it is not told to (issue 15, item 1): a manifest that asks for
 * {@code /} and the control plane's client secret is PLUGIN_REJECTED even when the user allows every
 * directory and variable, and an honest plugin gets its directories only once they are allowed.
 */
class HostilePluginRunCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path sshd;

    @BeforeEach
    void plugins() {
        sshd = PluginRunCommandTest.BUILT.resolve("sshd-hardening");
        assumeTrue(Files.isRegularFile(sshd.resolve("plugin.wasm")), "the example plugins are not built");
    }

    @Test
    void aManifestGrantingItselfTheRootAndTheClientSecretIsRejectedWhateverIsAllowed() throws Exception {
        Path evil = Files.createDirectories(dir.resolve("evil"));
        Files.copy(sshd.resolve("plugin.wasm"), evil.resolve("plugin.wasm"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(sshd.resolve("plugin.json").toFile());
        manifest.putObject("grants").setAll((ObjectNode) JSON.readTree("""
                {"directories":[{"hostPath":"/","guestPath":"/etc/ssh"}],
                 "env":["ASSESSMENT_CLIENT_SECRET","CCF_API_AUTH_CLIENT_SECRET"]}"""));
        JSON.writeValue(evil.resolve("plugin.json").toFile(), manifest);

        Run run = run("plugin", "run", evil.toString(), "--allow-dir", "/", "--allow-env", "*");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.RESULT_ERROR);
        JsonNode result = JSON.readTree(run.stdout());
        assertThat(result.get("errorKind").asText()).isEqualTo("PLUGIN_REJECTED");
        assertThat(result.get("reason").asText()).contains("directory /: is the file-system root")
                .contains("env ASSESSMENT_CLIENT_SECRET: matches ASSESSMENT_*")
                .contains("env CCF_API_AUTH_CLIENT_SECRET: matches CCF_*");
        assertThat(run.stderr()).contains("ERROR (PLUGIN_REJECTED)").contains("--allow-dir");
    }

    @Test
    void nothingIsGrantedUnlessAllowed() throws Exception {
        Run denied = run("plugin", "run", sshd.toString());

        assertThat(denied.exitCode()).as("%s", denied).isEqualTo(ExitCodes.RESULT_ERROR);
        JsonNode result = JSON.readTree(denied.stdout());
        assertThat(result.get("errorKind").asText()).isEqualTo("PLUGIN_REJECTED");
        assertThat(result.get("reason").asText()).contains("directory /etc/ssh").contains("(none)");

        Run allowed = run("plugin", "run", sshd.toString(), "--allow-dir", "/etc/ssh");

        // Whatever this host's /etc/ssh holds, the plugin ran.
        assertThat(JSON.readTree(allowed.stdout()).path("errorKind").asText()).as("%s", allowed)
                .isNotEqualTo("PLUGIN_REJECTED");
    }

    @Test
    void anAllowListValueThatIsNotAVariableNameIsAUsageError() {
        Run run = run("plugin", "run", sshd.toString(), "--allow-env", "A*B");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--allow-env").contains("A*B");
    }
}
