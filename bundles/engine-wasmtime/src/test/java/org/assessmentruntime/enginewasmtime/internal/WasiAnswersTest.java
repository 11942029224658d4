package org.assessmentruntime.enginewasmtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.WasmEngine.PreparedModule;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers the I/O router (io-router.wat) corrects where wasmtime 7's WASI differs from WASI and
 * POSIX, in a writable grant. The module is src/test/wat/wasi-answers.wat.
 */
@TestInstance(Lifecycle.PER_CLASS)
class WasiAnswersTest {

    private static final ResourceLimits LIMITS = new ResourceLimits(Duration.ofSeconds(20), 16L << 20, 0, 0);

    private final WasmtimeEngine engine = TestEngines.create();
    private final PreparedModule module = TestEngines.prepare(engine, WasmtimeEngineTest.wasm("wasi-answers"));

    @TempDir
    Path grant;

    @AfterAll
    void closeEngine() {
        module.close();
        engine.close();
    }

    @Test
    void renumberingOntoAClosedDescriptorIsEbadf() {
        assertErrno(run("renumber"), 8);
    }

    @Test
    void shuttingDownWhatIsNoSocketIsEnotsockOrEbadf() {
        assertErrno(run("socket"), 57);
        assertErrno(run("badsocket"), 8);
    }

    @Test
    void thePreopenNameNeedsRoomAndAnyLargerBufferTakesIt() {
        assertErrno(run("name"), 37);

        ExecutionOutcome outcome = run("prestat");
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(text(outcome.stdout())).startsWith("/data\0");
    }

    /** What fits of the link, and none of the guest's memory changed, wherever its buffer lies. */
    @ParameterizedTest
    @ValueSource(strings = { "k", "end" })
    void readlinkIntoASmallBufferKeepsWhatFits(String operation) {
        ExecutionOutcome outcome = run(operation);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(text(outcome.stdout())).isEqualTo("targ");
    }

    @Test
    void truncatingInAppendModeAppends() throws IOException {
        ExecutionOutcome outcome = run("append");

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(grant.resolve("f")).hasContent("xyxy");
    }

    @Test
    void aDirectoryOpenedForWritingIsEisdir() {
        assertErrno(run("directory"), 31);
    }

    @Test
    void rightsDroppedCannotBeTakenBack() {
        assertErrno(run("grant"), 76);
    }

    private ExecutionOutcome run(String operation) {
        byte[] bytes = WasmtimeEngineTest.wasm("wasi-answers");
        return engine.run(module, new ExecutionRequest(Digest.sha256(bytes), bytes, null,
                List.of("wasi-answers", operation), null, List.of(new DirectoryGrant(grant.toString(), "/data", true)),
                LIMITS, null), HostLimits.DEFAULTS);
    }

    private static void assertErrno(ExecutionOutcome outcome, int errno) {
        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.EXIT_CODE);
        assertThat(outcome.exitCode()).as("errno").isEqualTo(errno);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
