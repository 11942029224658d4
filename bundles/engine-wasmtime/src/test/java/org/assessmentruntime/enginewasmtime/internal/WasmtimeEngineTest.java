package org.assessmentruntime.enginewasmtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assessmentruntime.api.AssessmentException;
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

/**
 * What this engine does beyond the shared contract: exact memory caps, the messages of outcomes,
 * the host's stdin, sleep and exit paths, and its life cycle. Modules: src/test/wat.
 */
@TestInstance(Lifecycle.PER_CLASS)
class WasmtimeEngineTest {

    private static final ResourceLimits LIMITS = new ResourceLimits(Duration.ofSeconds(20), 16L << 20, 0, 0);

    private final WasmtimeEngine engine = TestEngines.create();

    @AfterAll
    void closeEngine() {
        engine.close();
    }

    @Test
    void capsMemoryAtTheLimitRoundedDownToWholePages() {
        long limit = (1L << 20) + 100; // 16 pages and a bit

        ExecutionOutcome outcome = run("grow-report", "", new ResourceLimits(null, limit, 0, 0));

        // 16 pages grew; the 17th, within the module's own maximum of 1000, is the cap's to refuse.
        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.MEMORY_LIMIT);
        assertThat(outcome.message()).isEqualTo("the module tried to grow its memory to 1114112 bytes, more than its"
                + " limit of 1 MiB; the run was stopped");
    }

    @Test
    void guardedMemoryGrowsBehaveAsBefore() {
        ExecutionOutcome outcome = run("grow-everywhere", "", LIMITS);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        ByteBuffer report = ByteBuffer.wrap(outcome.stdout()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(report.getInt()).as("pages after growing 1 + 2 + 3").isEqualTo(7);
        assertThat(report.getInt()).as("every check of the other instructions held").isEqualTo(1);
    }

    @Test
    void theModulesOwnSmallerMaximumStillHolds() {
        ExecutionOutcome outcome = run("own-maximum-bomb", "", LIMITS);

        // Its own maximum of 4 pages stopped it, not the 16 MiB cap: a trap, not a memory limit.
        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.TRAP);
        assertThat(outcome.message()).isEqualTo("the module trapped: unreachable code reached");
    }

    @Test
    void memoryLimitsSayWhatHappened() {
        ResourceLimits oneMiB = new ResourceLimits(null, 1L << 20, 0, 0);

        assertThat(run(contract("memory-bomb"), "", oneMiB).message())
                .isEqualTo("the module tried to grow its memory to 1114112 bytes, more than its limit of 1 MiB; the"
                        + " run was stopped");
        assertThat(run(contract("big-initial-memory"), "", oneMiB).message())
                .isEqualTo("the module declares 128 MiB of initial memory, more than its limit of 1 MiB; it was not started");
    }

    @Test
    void timeoutEndsASpinningGuestWithinATickOrTwo() {
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();

        ExecutionOutcome outcome = run(contract("infinite-loop"), "", new ResourceLimits(timeout, 0, 0, 0));

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(outcome.message()).isEqualTo("the run exceeded its timeout of 300 ms");
        assertThat(waited).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusMillis(250));
    }

    @Test
    void timeoutReachesAStartFunction() {
        ExecutionOutcome outcome = run("start-loop", "", new ResourceLimits(Duration.ofMillis(200), 0, 0, 0));

        assertThat(outcome.failure()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void trapInAStartFunctionIsATrap() {
        assertThat(run("start-trap", "", LIMITS).failure()).isEqualTo(FailureKind.TRAP);
    }

    @Test
    void exitCodesAboveWhatWasmtimeAcceptsArePassedOn() {
        ExecutionOutcome outcome = run("exit-200", "", LIMITS);

        assertThat(outcome.failure()).isEqualTo(FailureKind.EXIT_CODE);
        assertThat(outcome.exitCode()).isEqualTo(200);
        assertThat(outcome.message()).isEqualTo("the module exited with code 200");
    }

    @Test
    void outputLimitSaysWhichLimit() {
        ExecutionOutcome outcome = run(contract("hello"), "x".repeat(100), new ResourceLimits(null, 0, 10, 0));

        assertThat(outcome.message()).isEqualTo("stdout exceeded its limit of 10 bytes; the run was stopped");
        assertThat(outcome.stdout()).hasSize(10);
    }

    @Test
    void aShortSleepWakesWithItsClockEvent() {
        long start = System.nanoTime();

        ExecutionOutcome outcome = run("nap", "", LIMITS);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        ByteBuffer report = ByteBuffer.wrap(outcome.stdout()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(report.getInt(0)).as("nevents").isEqualTo(1);
        assertThat(report.getLong(4)).as("userdata").isEqualTo(7);
        assertThat(report.getShort(12)).as("errno").isZero();
        assertThat(report.get(14)).as("type clock").isZero();
    }

    @Test
    void pollingStdinIsAnsweredByTheHost() {
        ExecutionOutcome outcome = run("poll-stdin", "", LIMITS);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    @Test
    void pollsTheHostDoesNotServeGoToWasi() {
        ExecutionOutcome outcome = run("poll-absolute", "", LIMITS);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    @Test
    void stdinAndStdoutUseEveryIovec() {
        assertThat(text(run("scatter", "abcdef", LIMITS).stdout())).isEqualTo("defabc");
    }

    @Test
    void stdinEndsOnceAndStaysEnded() {
        assertThat(text(run("read-stdin-twice", "stdin in small reads", LIMITS).stdout()))
                .isEqualTo("stdin in small reads");
    }

    @Test
    void pointersOutsideTheMemoryAreAFaultForTheGuestNotTheHost() {
        ExecutionOutcome outcome = run("bad-iovec", "", LIMITS);

        assertThat(outcome.exitCode()).as("EFAULT").isEqualTo(21);
    }

    @Test
    void aModuleWithoutMemoryRuns() {
        assertThat(run("no-memory", "", LIMITS).succeeded()).isTrue();
    }

    @Test
    void refusesModulesOfTheOldWasiSnapshot() {
        assertThatThrownBy(() -> engine.prepare(Digest.sha256(wasm("wasi-unstable")), wasm("wasi-unstable")))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("wasi_unstable.fd_write");
    }

    @Test
    void aMissingGrantedDirectoryIsReportedNotThrown() {
        PreparedModule module = prepare(contract("hello"));
        ExecutionRequest request = new ExecutionRequest(module.digest(), contract("hello"), null, List.of(), Map.of(),
                List.of(new DirectoryGrant("/no/such/directory", "/data")), LIMITS, null);

        ExecutionOutcome outcome = engine.run(module, request);

        assertThat(outcome.failure()).isEqualTo(FailureKind.INTERNAL);
        assertThat(outcome.message()).contains("/no/such/directory");
    }

    /** NUL characters cross JNI as modified UTF-8; nothing here may panic the native library. */
    @Test
    void oddArgumentsAndEnvironmentDoNotHarmTheJvm() {
        byte[] vars = contract("vars");
        PreparedModule module = prepare(vars);
        for (Map<String, String> env : List.of(Map.of("A=B", "c"), Map.of("NUL\0NAME", "v"), Map.of("N", "nul\0value"))) {
            ExecutionRequest request = new ExecutionRequest(module.digest(), vars, null, List.of("a\0b", "\u00e9"), env,
                    List.of(), LIMITS, null);

            assertThat(engine.run(module, request).succeeded()).isTrue();
        }
    }

    @Test
    void aClosedModuleNoLongerRuns() {
        PreparedModule module = prepare(contract("hello"));
        module.close();
        module.close();

        assertThat(engine.run(module, request(contract("hello"), "", LIMITS)).failure()).isEqualTo(FailureKind.INTERNAL);
    }

    @Test
    void runsDifferentModulesConcurrently() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<ExecutionOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String module = i % 3 == 0 ? "infinite-loop" : i % 3 == 1 ? "hello" : "memory-bomb";
                outcomes.add(callers.submit(() -> run(contract(module), "hi",
                        new ResourceLimits(Duration.ofMillis(500), 4L << 20, 0, 0))));
            }
            for (int i = 0; i < 6; i++) {
                FailureKind expected = i % 3 == 0 ? FailureKind.TIMEOUT : i % 3 == 1 ? null : FailureKind.MEMORY_LIMIT;
                assertThat(outcomes.get(i).get().failure()).as("run %d", i).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** The runtime's start does not wait for wasmtime: the native side starts with the first module. */
    @Test
    void startsTheNativeEngineWhenTheFirstModuleIsPrepared() throws Exception {
        WasmtimeEngine lazy = TestEngines.create();
        try {
            assertThat(lazy.isStarted()).isFalse();

            PreparedModule hello = lazy.prepare(Digest.sha256(contract("hello")), contract("hello"));

            assertThat(lazy.isStarted()).isTrue();
            assertThat(lazy.run(hello, request(contract("hello"), "", LIMITS)).succeeded()).isTrue();
            hello.close();
        } finally {
            lazy.close();
        }
    }

    @Test
    void anEngineClosedBeforeItsFirstModuleRefusesWork() {
        WasmtimeEngine unused = TestEngines.create();
        unused.close();

        assertThat(unused.isStarted()).isFalse();
        assertThatThrownBy(() -> unused.prepare(Digest.sha256(contract("hello")), contract("hello")))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("stopped");
    }

    @Test
    void closingTheEngineWakesASleepingRunAndRefusesNewWork() throws Exception {
        WasmtimeEngine closing = TestEngines.create();
        PreparedModule sleep = closing.prepare(Digest.sha256(contract("sleep")), contract("sleep"));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<ExecutionOutcome> sleeping = caller.submit(() -> closing.run(sleep, request(contract("sleep"), "",
                    LIMITS)));
            Thread.sleep(200);
            long start = System.nanoTime();
            closing.close();

            assertThat(sleeping.get().failure()).isEqualTo(FailureKind.INTERNAL);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(closing.run(sleep, request(contract("sleep"), "", LIMITS)).failure())
                    .isEqualTo(FailureKind.ENGINE_UNAVAILABLE);
            assertThatThrownBy(() -> closing.prepare(Digest.sha256(contract("hello")), contract("hello")))
                    .isInstanceOf(AssessmentException.class);
        } finally {
            sleep.close();
            caller.shutdownNow();
        }
    }

    /** Opening a FIFO blocks in native code, where no deadline or interrupt reaches the guest. */
    @Test
    void aGuestStuckInAHostCallIsAbandonedAtItsTimeout(@TempDir Path tmp) throws Exception {
        Path grant = Files.createDirectories(tmp.resolve("grant"));
        Path fifo = grant.resolve("fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo works");
        byte[] probe = contract("fs-probe");
        PreparedModule module = prepare(probe);
        Duration timeout = Duration.ofMillis(500);
        long start = System.nanoTime();
        try {
            ExecutionOutcome outcome = engine.run(module, new ExecutionRequest(Digest.sha256(probe), probe, null,
                    List.of("fs-probe", "read", "fifo"), Map.of(), List.of(new DirectoryGrant(grant.toString(), "/data")),
                    new ResourceLimits(timeout, 0, 0, 0), null));

            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(outcome.failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(outcome.message()).contains("blocked in a host call");
            assertThat(waited).isGreaterThanOrEqualTo(timeout.plus(WasmtimeEngine.GRACE))
                    .isLessThan(timeout.plus(WasmtimeEngine.GRACE).plusSeconds(1));
        } finally {
            openForWriting(fifo);
            module.close();
        }
        assertThat(run(contract("hello"), "still serving", LIMITS).stdout()).asString(UTF_8).isEqualTo("still serving");
    }

    @Test
    void runsLeaveNoFilesInTheTemporaryDirectory() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));

        run(contract("hello"), "some stdin", LIMITS);
        run(contract("output-flood"), "", new ResourceLimits(null, 0, 1000, 0));

        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> !name.startsWith("junit")))
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A writer lets the guest's open of the FIFO return; past its deadline, the guest then ends. */
    private static void openForWriting(Path fifo) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            writer.submit(() -> {
                Files.newOutputStream(fifo).close();
                return null;
            }).get(5, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }
    }

    private ExecutionOutcome run(String module, String stdin, ResourceLimits limits) {
        return run(wasm(module), stdin, limits);
    }

    private ExecutionOutcome run(byte[] module, String stdin, ResourceLimits limits) {
        PreparedModule prepared = prepare(module);
        try (prepared) {
            return engine.run(prepared, request(module, stdin, limits));
        }
    }

    private PreparedModule prepare(byte[] module) {
        return TestEngines.prepare(engine, module);
    }

    private static ExecutionRequest request(byte[] module, String stdin, ResourceLimits limits) {
        return new ExecutionRequest(Digest.sha256(module), module, stdin.getBytes(UTF_8), List.of("test"), Map.of(),
                List.of(), limits, null);
    }

    /** A module of this engine's tests (src/test/wat). */
    static byte[] wasm(String name) {
        return resource("/engine-wat/" + name + ".wasm");
    }

    /** A module of the shared contract tests (the wasm-executor test-jar). */
    static byte[] contract(String name) {
        return resource("/wat/" + name + ".wasm");
    }

    private static byte[] resource(String path) {
        try (InputStream in = WasmtimeEngineTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError(path + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
