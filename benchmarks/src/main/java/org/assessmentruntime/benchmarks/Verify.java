package org.assessmentruntime.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.assessmentruntime.api.model.ExecutionRequest;

/**
 * Runs every variant of both workloads once and checks its output against the one computed in Java,
 * before anything is timed. (Each benchmark's setup checks its own variant again, in its fork.)
 */
final class Verify {

    private Verify() {
    }

    /**
     * @return the SHA-256 digest that every variant printed
     * @throws Exception if any variant fails or prints something else
     */
    static String all() throws Exception {
        byte[] trivialIn = Workloads.trivialInput();
        byte[] trivialOut = Workloads.expectedTrivialOutput();
        String digest = Workloads.expectedSha256Output();
        byte[] shaOut = digest.getBytes(StandardCharsets.US_ASCII);

        Workloads.check("trivial, native", Workloads.spawn(Workloads.nativeCommand(Workloads.TRIVIAL), trivialIn),
                trivialOut);
        Workloads.check("trivial, node", Workloads.spawn(Workloads.nodeCommand(Workloads.TRIVIAL), trivialIn),
                trivialOut);
        Workloads.check("sha256, native", Workloads.spawn(Workloads.nativeCommand(Workloads.SHA256), new byte[0]),
                shaOut);
        Workloads.check("sha256, node", Workloads.spawn(Workloads.nodeCommand(Workloads.SHA256), new byte[0]),
                shaOut);
        for (String engine : List.of(EngineHarness.CHICORY, EngineHarness.WASMTIME)) {
            try (EngineHarness harness = new EngineHarness(engine)) {
                ExecutionRequest trivial = harness.request(Workloads.TRIVIAL, Workloads.wasm(Workloads.TRIVIAL),
                        trivialIn);
                Workloads.check("trivial, " + engine, harness.execute(trivial).stdout(), trivialOut);
                ExecutionRequest sha = harness.request(Workloads.SHA256, Workloads.wasm(Workloads.SHA256), new byte[0]);
                Workloads.check("sha256, " + engine, harness.execute(sha).stdout(), shaOut);
            }
        }
        return digest.trim();
    }
}
