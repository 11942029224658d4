package org.assessmentruntime.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExecutionTest {

    private static final byte[] MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    @Test
    void requestCopiesItsBytesAndHidesSecrets() {
        byte[] module = MODULE.clone();
        ExecutionRequest request = new ExecutionRequest(Digest.sha256(module), module,
                "{}".getBytes(StandardCharsets.UTF_8), List.of("plugin"), Map.of("API_TOKEN", "s3cr3t"),
                List.of(new DirectoryGrant("/etc/ssh", null)), null, "wasmtime");

        module[0] = 42;
        request.module()[1] = 42;

        assertThat(request.module()).isEqualTo(MODULE);
        assertThat(request.moduleDigest().matches(request.module())).isTrue();
        assertThat(request.limits()).isEqualTo(ResourceLimits.DEFAULTS);
        assertThat(request.toString()).contains("module=8 bytes", "env=[API_TOKEN]").doesNotContain("s3cr3t");
        assertThat(request).isEqualTo(new ExecutionRequest(Digest.sha256(MODULE), MODULE.clone(),
                "{}".getBytes(StandardCharsets.UTF_8), List.of("plugin"), Map.of("API_TOKEN", "s3cr3t"),
                List.of(new DirectoryGrant("/etc/ssh", "/etc/ssh")), ResourceLimits.DEFAULTS, "wasmtime"));
        assertThatThrownBy(() -> new ExecutionRequest(Digest.sha256(MODULE), MODULE, null, null, null, null, null,
                "Wasm Time"))
                .hasMessageStartingWith("ExecutionRequest.engine 'Wasm Time' must be lower-case");
    }

    @Test
    void outcomeExitCodeAndFailureMustAgree() {
        ExecutionOutcome ok = new ExecutionOutcome(0, "{}".getBytes(StandardCharsets.UTF_8), false, null, false,
                Duration.ofMillis(40), "chicory", null, null);
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.toString()).contains("stdout=2 bytes");

        assertThatThrownBy(() -> new ExecutionOutcome(3, null, false, null, false, Duration.ZERO, "chicory", null, null))
                .hasMessage("ExecutionOutcome.failure is required when exitCode is 3");
        assertThatThrownBy(() -> new ExecutionOutcome(ExecutionOutcome.NO_EXIT_CODE, null, false, null, false,
                Duration.ZERO, "chicory", FailureKind.EXIT_CODE, "x"))
                .hasMessage("ExecutionOutcome.exitCode must be a non-zero exit code for EXIT_CODE, got -1");
        assertThatThrownBy(() -> new ExecutionOutcome(ExecutionOutcome.NO_EXIT_CODE, null, false, null, false,
                Duration.ZERO, "chicory", FailureKind.OUTPUT_LIMIT, "x"))
                .hasMessage("ExecutionOutcome.stdoutTruncated must be true exactly when failure is OUTPUT_LIMIT");

        ExecutionOutcome trap = new ExecutionOutcome(ExecutionOutcome.NO_EXIT_CODE, null, false,
                "wasm trap: unreachable".getBytes(StandardCharsets.UTF_8), false, Duration.ofMillis(3), "wasmtime",
                FailureKind.TRAP, "unreachable executed");
        assertThat(trap.succeeded()).isFalse();
        assertThat(trap).isEqualTo(new ExecutionOutcome(-1, null, false,
                "wasm trap: unreachable".getBytes(StandardCharsets.UTF_8), false, Duration.ofMillis(3), "wasmtime",
                FailureKind.TRAP, "unreachable executed"));
    }
}
