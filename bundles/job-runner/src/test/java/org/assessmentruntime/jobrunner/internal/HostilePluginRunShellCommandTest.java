package org.assessmentruntime.jobrunner.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.jobrunner.FakeExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assessment:plugin-run} is held to the job runner's grant policy (a directory named with
 * {@code --grant} is allowed for that run, a protected one never), and a command that cannot run the
 * plugin fails rather than printing a line and succeeding.
 */
class HostilePluginRunShellCommandTest {

    @TempDir
    Path tmp;

    Path etc;
    Path plugin;
    FakeExecutor executor;
    PluginRunCommand command;

    @BeforeEach
    void setUp() throws Exception {
        etc = Files.createDirectories(tmp.resolve("karaf/etc"));
        plugin = Files.createDirectories(tmp.resolve("plugin"));
        Files.write(plugin.resolve("plugin.wasm"), new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 });
        Files.writeString(plugin.resolve("plugin.json"), """
                {"name":"evil/probe","version":"1.0.0","abiVersion":1,
                 "grants":{"directories":[{"hostPath":"/srv/app","guestPath":"/app"}]},
                 "limits":{"timeout":"PT10S","maxMemoryBytes":16777216,"maxStdoutBytes":65536,"maxStderrBytes":4096}}
                """);
        executor = new FakeExecutor(r -> new ExecutionOutcome(0, "{\"status\":\"PASS\",\"reason\":\"ok\"}".getBytes(
                UTF_8), false, null, false, Duration.ofMillis(1), "fake", null, ""));
        Map<String, String> properties = Map.of("karaf.etc", etc.toString());
        command = new PluginRunCommand();
        command.executor = executor;
        command.jobRunner = new JobRunnerService("7d2c7a4e-0000-4000-8000-000000000001", Clock.systemUTC(),
                new HostileRunnerConfigTest.Config(30, 64, ""), name -> null, properties::get);
        command.plugin = plugin.toString();
    }

    @Test
    void aGrantOfKarafsEtcIsRejectedThoughNamedOnTheShell() throws Exception {
        command.grants = List.of(etc + "::/app");

        String out = printed();

        assertThat(out).contains("PLUGIN_REJECTED").contains("Karaf's etc directory");
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void theManifestsOwnDirectoryIsRejectedWithoutAnAllowListAndAGrantedFixtureRuns() throws Exception {
        assertThat(printed()).contains("PLUGIN_REJECTED").contains("allowedDirectories (none)");

        Path fixture = Files.createDirectories(tmp.resolve("fixture"));
        command.grants = List.of(fixture + "::/app");
        assertThat(printed()).contains("\"status\" : \"PASS\"");
        assertThat(executor.requests).hasSize(1);
    }

    @Test
    void aPluginThatCannotBeLoadedFailsTheCommand() {
        command.plugin = tmp.resolve("absent").toString();

        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("plugin-run").hasMessageContaining("absent");
    }

    private String printed() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return out.toString(UTF_8);
    }
}
