package org.assessmentruntime.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.console.CommandLine;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.PluginManager;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.PluginRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PluginCommandsTest {

    private static final InstalledPlugin OLD = plugin("acme/ssh-config", "1.0.0");
    private static final InstalledPlugin NEW = plugin("acme/ssh-config", "1.2.0");
    private static final InstalledPlugin OTHER = plugin("acme/tls", "2.0.0");

    private final PluginManager manager = mock(PluginManager.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void setUp() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        when(manager.installed()).thenReturn(List.of(OLD, NEW, OTHER));
        when(manager.resolve(new PluginRef("acme/ssh-config", PluginRef.ANY))).thenReturn(Optional.of(NEW));
        when(manager.resolve(new PluginRef("acme/tls", PluginRef.ANY))).thenReturn(Optional.of(OTHER));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void parsesNameAndConstraint() {
        assertThat(Plugins.ref("acme/ssh-config@~> 1.2")).isEqualTo(new PluginRef("acme/ssh-config", "~> 1.2"));
        assertThat(Plugins.ref(" acme/ssh-config ")).isEqualTo(new PluginRef("acme/ssh-config", "*"));
        assertThatThrownBy(() -> Plugins.ref("acme/ssh-config@")).isInstanceOf(CommandException.class)
                .hasMessageContaining("no version constraint");
        assertThatThrownBy(() -> Plugins.ref("Acme/SSH")).isInstanceOf(CommandException.class)
                .hasMessageContaining("Acme/SSH");
        assertThatThrownBy(() -> Plugins.name("acme/ssh-config@1.0.0")).isInstanceOf(CommandException.class)
                .hasMessageContaining("without '@version'");
    }

    @Test
    void namesTheMissingService() {
        assertThatThrownBy(() -> new PluginListCommand().execute()).isInstanceOf(CommandException.class)
                .hasMessage("the plugin manager is not running; see assessment:status");
    }

    @Test
    void installsByConstraint() throws Exception {
        when(manager.install(any())).thenReturn(plugin("acme/ssh-config", "1.3.0"));
        PluginInstallCommand command = new PluginInstallCommand();
        command.pluginManager = manager;
        command.plugin = "acme/ssh-config@^1.2";

        command.execute();

        verify(manager).install(new PluginRef("acme/ssh-config", "^1.2"));
        assertThat(out.toString()).startsWith("Installed acme/ssh-config@1.3.0 (sha256:")
                .contains("verified (key key-1)");
    }

    @Test
    void expectedFailuresFailTheCommandSayingWhatFailed() throws Exception {
        when(manager.install(any())).thenThrow(new AssessmentException("registry https://r.example is unreachable"));
        PluginInstallCommand command = new PluginInstallCommand();
        command.pluginManager = manager;
        command.plugin = "acme/ssh-config";

        // Thrown, so that the shell prints it and exits non-zero (printing and returning looked like success).
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("Installing acme/ssh-config@* failed: registry https://r.example is unreachable");
    }

    @Test
    void verifiesEveryInstalledVersionAndReportsEachFailure() throws Exception {
        when(manager.verify(any())).thenAnswer(inv -> manager.installed().stream()
                .filter(p -> p.id().equals(inv.getArgument(0))).findFirst().orElseThrow());
        // doThrow: when(manager.verify(..)) would run the answer above and stub installed() instead.
        doThrow(new PluginVerificationException("digest mismatch: bytes changed")).when(manager).verify(OLD.id());
        PluginVerifyCommand command = new PluginVerifyCommand();
        command.pluginManager = manager;

        // The whole report is printed, and the command fails: a tampered plugin must not exit 0.
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("1 of 3 plugin version(s) failed verification (see above)");

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("acme/ssh-config@1.0.0", "FAILED",
                "digest mismatch: bytes changed"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("acme/ssh-config@1.2.0", "OK"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("acme/tls@2.0.0", "OK"));
        assertThat(lines).last().isEqualTo("2 verified, 1 failed");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void verifiesOneVersionAndRejectsUnknownOnes() throws Exception {
        when(manager.verify(NEW.id())).thenReturn(NEW);
        PluginVerifyCommand command = new PluginVerifyCommand();
        command.pluginManager = manager;
        command.plugin = "acme/ssh-config@1.2.0";

        command.execute();

        assertThat(out.toString()).contains("1 verified, 0 failed");
        command.plugin = "acme/nope";
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessageContaining("acme/nope");
    }

    @Test
    void listsAsParseableJsonMarkingTheVersionJobsRun() throws Exception {
        PluginListCommand command = new PluginListCommand();
        command.pluginManager = manager;
        command.json = true;

        command.execute();

        JsonNode list = new ObjectMapper().readTree(out.toString());
        assertThat(list).hasSize(3);
        List<String> current = new ArrayList<>();
        list.forEach(e -> {
            if (e.get("current").asBoolean()) {
                current.add(e.get("name").asText() + "@" + e.get("version").asText());
            }
        });
        assertThat(current).containsExactly("acme/ssh-config@1.2.0", "acme/tls@2.0.0");
        assertThat(list.get(0).get("digest").asText()).isEqualTo(OLD.digest().toString());
        assertThat(list.get(0).get("installedAt").asText()).isEqualTo("2026-11-25T12:00:00Z");
    }

    @Test
    void tableMarksTheVersionJobsRun() throws Exception {
        PluginListCommand command = new PluginListCommand();
        command.pluginManager = manager;

        command.execute();

        assertThat(out.toString().lines()).anySatisfy(l -> assertThat(l).startsWith("*").contains("1.2.0"))
                .anySatisfy(l -> assertThat(l).doesNotStartWith("*").contains("1.0.0"));
    }

    @Test
    void infoShowsTheVersionJobsRunWithItsManifest() throws Exception {
        PluginInfoCommand command = new PluginInfoCommand();
        command.pluginManager = manager;
        command.plugin = "acme/ssh-config";

        command.execute();

        assertThat(out.toString()).startsWith("acme/ssh-config@1.2.0")
                .contains("ABI version:   1", "port (integer, required), host (string)", "timeout PT1M, memory 256 MiB");
    }

    @Test
    void upgradeAllSaysWhenNothingChanged() throws Exception {
        when(manager.upgradeAll()).thenReturn(List.of());
        PluginUpgradeCommand command = new PluginUpgradeCommand();
        command.pluginManager = manager;

        command.execute();

        assertThat(out.toString()).contains("All plugins are up to date");
    }

    @Test
    void removeReportsWhatRunsNow() throws Exception {
        when(manager.remove(new PluginRef("acme/ssh-config", "1.2.0"))).thenReturn(List.of(NEW));
        when(manager.resolve(new PluginRef("acme/ssh-config", PluginRef.ANY))).thenReturn(Optional.of(OLD));
        PluginRemoveCommand command = new PluginRemoveCommand();
        command.pluginManager = manager;
        command.plugin = "acme/ssh-config@1.2.0";

        command.execute();

        assertThat(out.toString()).contains("Removed acme/ssh-config@1.2.0", "Jobs now run acme/ssh-config@1.0.0");
    }

    @Test
    void completesInstalledNames() {
        PluginNameCompleter completer = new PluginNameCompleter();
        completer.pluginManager = manager;
        CommandLine line = mock(CommandLine.class);
        when(line.getCursorArgument()).thenReturn("acme/s");
        when(line.getArgumentPosition()).thenReturn(6);
        List<String> candidates = new ArrayList<>();

        completer.complete(null, line, candidates);

        assertThat(candidates).extracting(String::strip).containsExactly("acme/ssh-config");
    }

    private static InstalledPlugin plugin(String name, String version) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("port", Map.of("type", "integer"));
        properties.put("host", Map.of("type", "string"));
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("port"), "properties", properties);
        PluginDescriptor descriptor = new PluginDescriptor(name, version, "Checks " + name, 1, schema, null, null, "");
        return new InstalledPlugin(descriptor, Digest.sha256((name + version).getBytes(StandardCharsets.UTF_8)),
                InstalledPlugin.Source.REGISTRY, InstalledPlugin.SignatureStatus.VERIFIED, "key-1",
                Instant.parse("2026-11-25T12:00:00Z"));
    }
}
