package org.assessmentruntime.jobrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.PluginRef;
import org.assessmentruntime.enginechicory.ChicoryEngines;
import org.assessmentruntime.pluginstore.AbiJson;
import org.assessmentruntime.pluginstore.PluginPackage;
import org.assessmentruntime.wasmexecutor.WasmExecutors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack of issue 15, item 1, end to end on the real Chicory engine: a plugin whose manifest grants
 * it the control plane's client secret, and whose module prints every variable it gets (the engine
 * contract's {@code vars.wasm}). Its stdout is no valid output, and an invalid stdout is quoted in the
 * result's logs, so a secret that reached the guest would be in the result; the control run shows that
 * an allowed variable does get there, so the test would see a leak.
 */
class HostileEnvGrantOnEngineTest {

    static final String SECRET = "s3cr3t-client-secret";
    static final Function<String, String> HOST_ENV = Map.of("ASSESSMENT_CLIENT_SECRET", SECRET,
            "CCF_API_AUTH_CLIENT_SECRET", SECRET, "TZ", "Europe/Berlin")::get;

    static WasmEngine engine;
    static PluginRunner runner;
    static byte[] vars;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = HostileEnvGrantOnEngineTest.class.getResourceAsStream("/wat/vars.wasm")) {
            assumeTrue(in != null, "the engine contract's test modules are not on the class path");
            vars = in.readAllBytes();
        }
        engine = ChicoryEngines.create();
        // The most an operator can allow: every variable.
        runner = new PluginRunner(WasmExecutors.create("chicory", 1, List.of(engine)), "hostile-test",
                Clock.systemUTC(), HOST_ENV, GrantPolicy.allowing(List.of(), List.of("*")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void aPluginGrantingItselfTheClientSecretIsRejectedAndTheSecretNeverReachesTheGuest() throws Exception {
        PluginPackage plugin = HostileGrantsTest.manifest(List.of(), List.of("ASSESSMENT_CLIENT_SECRET",
                "CCF_API_AUTH_CLIENT_SECRET"), vars);

        AssessmentResult result = runner.run(plugin, PluginRef.parse("evil/probe"), HostileGrantsTest.context(), null,
                RunOptions.DEFAULT.withEngine("chicory"));

        assertThat(result.errorKind()).as("%s", result).isEqualTo(FailureKind.PLUGIN_REJECTED);
        assertThat(result.reason()).contains("ASSESSMENT_CLIENT_SECRET").contains("CCF_API_AUTH_CLIENT_SECRET");
        assertThat(new String(AbiJson.write(result), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void anAllowedVariableDoesReachTheGuestSoALeakWouldShow() throws Exception {
        PluginPackage plugin = HostileGrantsTest.manifest(List.of(), List.of("TZ"), vars);

        AssessmentResult result = runner.run(plugin, PluginRef.parse("evil/probe"), HostileGrantsTest.context(), null,
                RunOptions.DEFAULT.withEngine("chicory"));

        assertThat(result.errorKind()).as("%s", result).isEqualTo(FailureKind.INVALID_OUTPUT);
        assertThat(new String(AbiJson.write(result), java.nio.charset.StandardCharsets.UTF_8)).contains("TZ=Europe/Berlin");
    }
}
