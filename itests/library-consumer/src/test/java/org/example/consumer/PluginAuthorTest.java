package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.WasmExecutor;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.Finding;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.JobContext;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.api.model.ResultStatus;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.enginechicory.ChicoryEngines;
import org.assessmentruntime.jobrunner.GrantPolicy;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.assessmentruntime.jobrunner.PluginRunner;
import org.assessmentruntime.jobrunner.RunOptions;
import org.assessmentruntime.pluginstore.PluginStores;
import org.assessmentruntime.resultscollector.OscalExporter;
import org.assessmentruntime.resultscollector.ResultStore;
import org.assessmentruntime.resultscollector.ResultStores;
import org.assessmentruntime.wasmexecutor.WasmExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a plugin author does with the runtime's libraries in a plain Java project: run the example plugin
 * sshd-hardening on the Chicory engine against an sshd_config of their own, keep the plugin in a plugin
 * store, keep the result in a result store and export it as OSCAL. Only exported packages are used.
 *
 * <p>The block between README-BEGIN and README-END is the README's example; change both together.
 */
class PluginAuthorTest {

    /** The example plugin's directory (plugin.json, plugin.wasm), set by the build. */
    static final String PLUGIN_PROPERTY = "assessment.example.plugin";

    @TempDir
    Path tmp;

    @Test
    void runsStoresAndExportsTheExamplePlugin() throws Exception {
        String pluginProperty = System.getProperty(PLUGIN_PROPERTY, "");
        assertFalse(pluginProperty.isBlank(), "-D" + PLUGIN_PROPERTY + "=<plugin directory> is required");
        Path pluginDir = Path.of(pluginProperty);
        assertTrue(Files.isRegularFile(pluginDir.resolve("plugin.wasm")), pluginDir + " holds no plugin.wasm");
        // A lax sshd_config: root may log in; 6 authentication attempts (the plugin accepts 4 by default).
        Path sshDir = Files.createDirectories(tmp.resolve("etc-ssh"));
        Files.writeString(sshDir.resolve("sshd_config"), "PermitRootLogin yes\nMaxAuthTries 6\n");
        Path resultsDir = tmp.resolve("results");

        // README-BEGIN
        WasmEngine chicory = ChicoryEngines.create(); // AutoCloseable: stops Chicory's worker threads
        WasmExecutor executor = WasmExecutors.create("chicory", 1, List.of(chicory));
        GrantPolicy policy = GrantPolicy.allowing(List.of(sshDir.toString()), List.of()); // grants: deny by default
        PluginRunner runner = new PluginRunner(executor, "my-runtime", Clock.systemUTC(), System::getenv, policy);
        PluginPackage plugin = PluginPackage.load(pluginDir); // plugin.json + plugin.wasm
        JobContext context = new JobContext(JobContext.ABI_VERSION, UUID.randomUUID(), "my-job", "my-task",
                "sshd", "", "", "", Map.of("maxAuthTries", 6), null);
        AssessmentResult result = runner.run(plugin, new PluginRef(plugin.id().name(), plugin.id().version()),
                context, null, RunOptions.DEFAULT.withHostDirectory("/etc/ssh", sshDir.toString()));
        try (ResultStore store = ResultStores.open(resultsDir)) { store.store(result); }
        new OscalExporter().write(List.of(result), System.out);
        // README-END
        ((AutoCloseable) chicory).close();

        assertVerdict(result);
        assertPluginStoreRoundTrip(plugin);
        assertStoredAndExported(result, resultsDir);
    }

    /** The plugin read our sshd_config, with our configuration. */
    private static void assertVerdict(AssessmentResult result) {
        assertEquals(ResultStatus.FAIL, result.status(), () -> "status of " + result);
        assertEquals("chicory", result.provenance().engine());
        assertEquals("examples/sshd-hardening", result.provenance().plugin().name());
        assertEquals(Finding.State.NOT_SATISFIED, state(result, "sshd-permit-root-login"));
        // Satisfied only because the configuration reached the plugin: by default it accepts at most 4.
        assertEquals(Finding.State.SATISFIED, state(result, "sshd-max-auth-tries"));
    }

    private static Finding.State state(AssessmentResult result, String targetId) {
        return result.findings().stream().filter(f -> f.targetId().equals(targetId)).map(Finding::state)
                .findFirst().orElseThrow(() -> new AssertionError("no finding " + targetId + " in " + result));
    }

    /** A plugin store keeps the plugin and hands back the same module by its digest. */
    private void assertPluginStoreRoundTrip(PluginPackage plugin) throws Exception {
        PluginStore store = PluginStores.open(tmp.resolve("plugins"));
        store.put(new InstalledPlugin(plugin.descriptor(), plugin.digest(), InstalledPlugin.Source.LOCAL,
                InstalledPlugin.SignatureStatus.UNSIGNED, "", Instant.now()), plugin.module());

        assertArrayEquals(plugin.module(), store.module(plugin.digest()));
        assertEquals(plugin.digest(), store.find(plugin.id()).orElseThrow().digest());
        // What comes out of the store runs as what went in.
        PluginPackage reloaded = PluginPackage.of(store.find(plugin.id()).orElseThrow().descriptor(),
                store.module(plugin.digest()));
        assertEquals(plugin.digest(), reloaded.digest());
    }

    /** The result survives a reopen of its store, and the OSCAL document carries its findings. */
    private static void assertStoredAndExported(AssessmentResult result, Path resultsDir) throws Exception {
        List<AssessmentResult> stored;
        try (ResultStore store = ResultStores.open(resultsDir)) {
            stored = store.find(result.resultId()).stream().map(StoredResult::result).toList();
        }
        assertEquals(List.of(result), stored);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OscalExporter().write(stored, out);
        JsonNode document = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode results = document.path("assessment-results").path("results");
        assertEquals(1, results.size(), () -> "one OSCAL result per run: " + document);
        List<String> rootLogin = new ArrayList<>();
        for (JsonNode finding : results.get(0).path("findings")) {
            if (finding.path("target").path("target-id").asText().equals("sshd-permit-root-login")) {
                rootLogin.add(finding.path("target").path("status").path("state").asText());
                assertTrue(hasProp(finding, "result-id", result.resultId().toString()),
                        () -> "finding without the result's id: " + finding);
            }
        }
        assertEquals(List.of("not-satisfied"), rootLogin, () -> "findings in " + document);
    }

    private static boolean hasProp(JsonNode node, String name, String value) {
        for (JsonNode prop : node.path("props")) {
            if (prop.path("name").asText().equals(name) && prop.path("value").asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
