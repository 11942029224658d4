package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.itests.harness.PluginSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example plugins the distribution ships run end to end inside the booted runtime: through
 * {@code assessment:plugin-run}, the executor service and the engines, against the same fixture cases
 * the plugins' own tests use (plugins/examples/NAME/test/cases.json), and against this very host.
 */
class PluginsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** plugins/ of the source tree; failsafe runs in itests/. */
    private static final Path SOURCES = Path.of("..", "plugins", "examples").toAbsolutePath().normalize();

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension();

    @ParameterizedTest
    @ValueSource(strings = {"sshd-hardening", "sensitive-files", "tls-cert-expiry", "os-baseline", "login-defs", "pwquality",
            "sysctl-hardening"})
    void passesAndFailsItsFixturesInsideTheRuntime(String plugin, KarafDistribution karaf) throws IOException {
        Path installed = karaf.home().resolve("plugins/examples").resolve(plugin);
        JsonNode manifest = JSON.readTree(installed.resolve("plugin.json").toFile());
        Set<String> granted = new HashSet<>();
        manifest.path("grants").path("directories").forEach(d -> granted.add(
                d.path("guestPath").asText(d.path("hostPath").asText())));

        Set<String> statusesSeen = new HashSet<>();
        for (JsonNode testCase : JSON.readTree(SOURCES.resolve(plugin).resolve("test/cases.json").toFile()).path("cases")) {
            String expected = testCase.path("expect").path("status").asText("");
            Map<String, String> preopens = remap(testCase.path("preopens"), granted, SOURCES.resolve(plugin).resolve("test"));
            if (expected.isEmpty() || testCase.has("stdin") || preopens == null) {
                continue; // a case about raw stdin or exit codes, or one whose paths the manifest cannot grant
            }
            JsonNode config = testCase.has("config")
                    ? JSON.readTree(remapText(testCase.path("config").toString(), testCase.path("preopens"), granted))
                    : JSON.createObjectNode();
            JsonNode result = run(karaf, installed, plugin, testCase.path("name").asText(), config, preopens, "");
            assertThat(result.path("status").asText()).as("%s: %s", plugin, testCase.path("name").asText())
                    .isEqualTo(expected);
            assertExpectedFindings(testCase.path("expect").path("findings"), result, plugin + ": "
                    + testCase.path("name").asText());
            assertThat(result.path("provenance").path("digest").asText()).startsWith("sha256:");
            statusesSeen.add(expected);
        }
        // Every plugin must be shown both to pass and to fail inside the runtime, or this test proves nothing.
        assertThat(statusesSeen).as("statuses exercised for %s", plugin).contains("PASS", "FAIL");
    }

    @Test
    void bothEnginesGiveTheSameVerdict(KarafDistribution karaf) throws IOException {
        Path installed = karaf.home().resolve("plugins/examples/sshd-hardening");
        Map<String, String> fail = Map.of("/etc/ssh", SOURCES.resolve("sshd-hardening/test/fixtures/fail").toString());
        JsonNode chicory = run(karaf, installed, "sshd-hardening", "chicory", JSON.createObjectNode(), fail, "chicory");
        JsonNode wasmtime = run(karaf, installed, "sshd-hardening", "wasmtime", JSON.createObjectNode(), fail,
                "wasmtime");

        assertThat(chicory.path("provenance").path("engine").asText()).isEqualTo("chicory");
        assertThat(wasmtime.path("provenance").path("engine").asText()).isEqualTo("wasmtime");
        assertThat(wasmtime.path("status").asText()).isEqualTo("FAIL").isEqualTo(chicory.path("status").asText());
        assertThat(findingStates(wasmtime)).isEqualTo(findingStates(chicory));
    }

    @Test
    void checksThisVeryHost(KarafDistribution karaf) throws IOException {
        // The host's own /etc: the verdict depends on the machine, but the run must assess it, not fail.
        // A relative path names the runtime's own plugins directory, wherever Karaf was started from.
        Path installed = Path.of("plugins/examples/os-baseline");
        JsonNode result = run(karaf, installed, "os-baseline", "host", JSON.createObjectNode(), Map.of(), "");

        assertThat(result.path("status").asText()).as("%s", result).isIn("PASS", "FAIL");
        assertThat(result.path("subjects")).isNotEmpty();
    }

    @Test
    void theShellListsInfoAndVerifiesTheBundledPlugins(KarafDistribution karaf) throws IOException {
        CommandResult list = karaf.run("assessment:plugin-list --json");
        assertThat(list.succeeded()).as("%s", list).isTrue();
        Set<String> names = new HashSet<>();
        JSON.readTree(list.output()).forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("examples/sshd-hardening", "examples/sensitive-files", "examples/tls-cert-expiry",
                "examples/os-baseline");

        CommandResult info = karaf.run("assessment:plugin-info examples/os-baseline");
        assertThat(info.succeeded()).as("%s", info).isTrue();
        assertThat(info.output()).contains("examples/os-baseline").contains("sha256:");

        CommandResult verify = karaf.run("assessment:plugin-verify");
        assertThat(verify.output()).as("%s", verify).contains("0 failed").doesNotContain("FAILED");
    }

    @Test
    void aPluginDroppedIntoTheDeployFolderIsInstalledAndRemovedWithItsFiles(KarafDistribution karaf)
            throws IOException {
        Path examples = karaf.home().resolve("plugins/examples/os-baseline");
        ObjectNode manifest = (ObjectNode) JSON.readTree(examples.resolve("plugin.json").toFile());
        manifest.put("version", "1.0.1-deployed");
        Path deploy = karaf.home().resolve("deploy");
        // Signed, as deploy/ requires by default: the signature first, so that the pair is complete and
        // signed whichever file FileInstall sees last.
        byte[] module = Files.readAllBytes(examples.resolve("plugin.wasm"));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        Files.write(deploy.resolve("os-next.sig"), signer(karaf).signatureFile(module, manifestBytes));
        Files.copy(examples.resolve("plugin.wasm"), deploy.resolve("os-next.wasm"));
        Files.write(deploy.resolve("os-next.plugin.json"), manifestBytes);

        karaf.awaitCommand("assessment:plugin-list --json", r -> versions(r, "examples/os-baseline")
                .contains("1.0.1-deployed"), Duration.ofSeconds(30));
        JsonNode result = run(karaf, karaf.home().resolve("plugins/examples/os-baseline"), "os-baseline", "deployed",
                JSON.createObjectNode(), Map.of(), "");
        assertThat(result.path("status").asText()).isIn("PASS", "FAIL");

        Files.delete(deploy.resolve("os-next.wasm"));
        Files.delete(deploy.resolve("os-next.plugin.json"));
        Files.delete(deploy.resolve("os-next.sig"));
        CommandResult gone = karaf.awaitCommand("assessment:plugin-list --json", r -> !versions(r,
                "examples/os-baseline").contains("1.0.1-deployed"), Duration.ofSeconds(30));
        assertThat(versions(gone, "examples/os-baseline")).contains("1.0.0").doesNotContain("1.0.1-deployed");
    }

    /**
     * A hundred plugins copied into deploy/ at once (300 files, written in well under a second) are all
     * installed. With Karaf's default watcher they were not: the JDK reports more than 512 file events of
     * one directory as a single OVERFLOW, which FileInstall ignores, so none of them was ever seen
     * until a restart.
     */
    @Test
    void aHundredPluginsCopiedIntoTheDeployFolderAtOnceAreAllInstalled(KarafDistribution karaf)
            throws IOException {
        Path examples = karaf.home().resolve("plugins/examples/os-baseline");
        byte[] module = Files.readAllBytes(examples.resolve("plugin.wasm"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(examples.resolve("plugin.json").toFile());
        Path deploy = karaf.home().resolve("deploy");
        Set<String> names = new HashSet<>();
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= 100; i++) {
            String name = String.format("bulk/p%03d", i);
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest.deepCopy().put("name", name));
            String base = String.format("bulk-p%03d", i);
            files.put(deploy.resolve(base + ".sig"), signer(karaf).signatureFile(module, manifestBytes));
            files.put(deploy.resolve(base + ".wasm"), module);
            files.put(deploy.resolve(base + ".plugin.json"), manifestBytes);
            names.add(name);
        }
        // All at once, as a cp of a folder does: the events pile up between two of the watcher's polls.
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            Files.write(file.getKey(), file.getValue());
        }

        // The table, not --json: a hundred more plugins make a long output, and only the names matter.
        CommandResult listed = karaf.awaitCommand("assessment:plugin-list", r -> bulkNames(r).containsAll(names),
                Duration.ofSeconds(90));
        assertThat(bulkNames(listed)).as("the plugins installed from deploy/").hasSize(100);

        for (Path file : files.keySet()) {
            Files.delete(file);
        }
        CommandResult gone = karaf.awaitCommand("assessment:plugin-list", r -> bulkNames(r).isEmpty(),
                Duration.ofSeconds(90));
        assertThat(bulkNames(gone)).isEmpty();
        assertThat(gone.output()).contains("examples/os-baseline");
    }

    @Test
    void aPluginBundleIsPickedUpWhenItStartsAndDroppedWhenItGoes(KarafDistribution karaf) throws IOException {
        Path examples = karaf.home().resolve("plugins/examples/tls-cert-expiry");
        ObjectNode manifest = (ObjectNode) JSON.readTree(examples.resolve("plugin.json").toFile());
        manifest.put("version", "1.1.0-bundled");
        Path jar = karaf.runDir().resolve("tls-plugin-bundle.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "itest.tls.plugin");
        mf.getMainAttributes().putValue("Bundle-Version", "1.1.0");
        mf.getMainAttributes().putValue("Assessment-Plugin", "plugin/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            byte[] module = Files.readAllBytes(examples.resolve("plugin.wasm"));
            out.putNextEntry(new JarEntry("plugin/plugin.json"));
            out.write(manifestBytes);
            out.putNextEntry(new JarEntry("plugin/plugin.wasm"));
            out.write(module);
            out.putNextEntry(new JarEntry("plugin/plugin.sig"));
            out.write(signer(karaf).signatureFile(module, manifestBytes));
        }

        CommandResult installed = karaf.run("bundle:install -s file:" + jar);
        assertThat(installed.succeeded()).as("%s", installed).isTrue();
        karaf.awaitCommand("assessment:plugin-list --json", r -> versions(r, "examples/tls-cert-expiry")
                .contains("1.1.0-bundled"), Duration.ofSeconds(30));

        CommandResult uninstalled = karaf.run("bundle:uninstall itest.tls.plugin");
        assertThat(uninstalled.succeeded()).as("%s", uninstalled).isTrue();
        CommandResult gone = karaf.awaitCommand("assessment:plugin-list --json", r -> !versions(r,
                "examples/tls-cert-expiry").contains("1.1.0-bundled"), Duration.ofSeconds(30));
        assertThat(versions(gone, "examples/tls-cert-expiry")).doesNotContain("1.1.0-bundled");
    }

    /** The key this class signs its deployed plugins with, trusted by the runtime under test. */
    private static PluginSigner signer;

    private static synchronized PluginSigner signer(KarafDistribution karaf) throws IOException {
        if (signer == null) {
            signer = PluginSigner.trustedBy(karaf.home(), "itest-plugins");
        }
        return signer;
    }

    private static Set<String> bulkNames(CommandResult list) {
        Set<String> names = new HashSet<>();
        Matcher matcher = Pattern.compile("bulk/p\\d{3}").matcher(list.output());
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static Set<String> versions(CommandResult list, String name) {
        Set<String> versions = new HashSet<>();
        try {
            JSON.readTree(list.output()).forEach(p -> {
                if (name.equals(p.path("name").asText())) {
                    versions.add(p.path("version").asText());
                }
            });
        } catch (IOException e) {
            return Set.of();
        }
        return versions;
    }

    private static JsonNode run(KarafDistribution karaf, Path plugin, String name, String label, JsonNode config,
            Map<String, String> preopens, String engine) throws IOException {
        Path configFile = Files.createTempFile(karaf.runDir(), name + "-", ".json");
        Files.writeString(configFile, config.isMissingNode() ? "{}" : config.toString());
        StringBuilder command = new StringBuilder("assessment:plugin-run --config " + configFile);
        preopens.forEach((guest, host) -> command.append(" --grant ").append(host).append("::").append(guest));
        if (!engine.isEmpty()) {
            command.append(" --engine ").append(engine);
        }
        command.append(' ').append(plugin);
        CommandResult r = karaf.run(command.toString());
        assertThat(r.succeeded()).as("%s (%s): %s", name, label, r).isTrue();
        try {
            return JSON.readTree(r.output());
        } catch (IOException e) {
            throw new AssertionError(name + " (" + label + "): not a JSON result:\n" + r.output(), e);
        }
    }

    /** Guest path → absolute fixture dir; a case for a single-grant plugin may use another guest name. */
    private static Map<String, String> remap(JsonNode preopens, Set<String> granted, Path testDir) {
        Map<String, String> mapped = new LinkedHashMap<>();
        List<String> guests = new ArrayList<>();
        preopens.fieldNames().forEachRemaining(guests::add);
        for (String guest : guests) {
            String target = granted.contains(guest) ? guest : granted.size() == 1 && guests.size() == 1
                    ? granted.iterator().next() : null;
            if (target == null) {
                return null;
            }
            mapped.put(target, testDir.resolve(preopens.path(guest).asText()).normalize().toString());
        }
        // A grant the case does not open must not fall back to the real host directory: point it at a
        // path that does not exist, which the runtime leaves out, as the plugins' own harness does.
        for (String guest : granted) {
            mapped.putIfAbsent(guest, testDir.resolve("not-granted-in-this-case").toString());
        }
        return mapped;
    }

    private static String remapText(String text, JsonNode preopens, Set<String> granted) {
        if (preopens.size() == 1 && granted.size() == 1) {
            String guest = preopens.fieldNames().next();
            if (!granted.contains(guest)) {
                return text.replace("\"" + guest, "\"" + granted.iterator().next());
            }
        }
        return text;
    }

    private static void assertExpectedFindings(JsonNode expected, JsonNode result, String what) {
        List<String> actual = findingStates(result);
        for (JsonNode finding : expected) {
            // An expectation may leave the target out (then any finding with that state matches).
            String target = finding.path("targetId").asText("");
            String state = "=" + finding.path("state").asText();
            assertThat(actual).as("%s: finding %s%s in %s", what, target, state, actual)
                    .anyMatch(a -> a.endsWith(state) && (target.isEmpty() || a.equals(target + state)));
        }
    }

    private static List<String> findingStates(JsonNode result) {
        List<String> states = new ArrayList<>();
        result.path("findings").forEach(f -> states.add(f.path("targetId").asText() + "=" + f.path("state").asText()));
        states.sort(String::compareTo);
        return states;
    }
}
