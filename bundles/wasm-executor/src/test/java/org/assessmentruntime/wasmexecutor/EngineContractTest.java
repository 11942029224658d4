package org.assessmentruntime.wasmexecutor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link WasmEngine} must do, whichever runtime is behind it: run a WASI command with only
 * the stdin, arguments, environment and read-only directories of the request; end a run that breaks
 * a limit with the matching {@link FailureKind}, within the limit; refuse bytes that are not a
 * runnable command in {@link WasmEngine#prepare}; and keep serving after any of it.
 *
 * <p>An engine module runs these tests by extending this class, with this module's test-jar as a test
 * dependency. One test instance serves every test, so the engine and the modules it prepared are
 * shared as they are in production, and every hostile test also shows that the next run on the same
 * engine succeeds.
 *
 * <p>The modules are WebAssembly text in {@code src/test/wat} (each file says what it does), compiled
 * by {@code wat2wasm} into {@code /wat/*.wasm} on the test class path. Time assertions use generous
 * {@link #SLACK}: they check that a limit holds, not how fast an engine is.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class EngineContractTest {

    /** Added to a time limit for "the run returned within the limit". */
    protected static final Duration SLACK = Duration.ofSeconds(10);

    /** Limits of runs that set none: generous, except that nothing runs for long. */
    protected static final ResourceLimits TEST_LIMITS = new ResourceLimits(Duration.ofSeconds(30), 64L << 20,
            1L << 20, 64L << 10);

    private static final String SECRET = "the secret outside the grant";
    private static final String EVIDENCE = "evidence inside the grant\n";

    private final Map<String, PreparedModule> prepared = new ConcurrentHashMap<>();

    /** The engine under test: one instance for all tests of the class. */
    protected abstract WasmEngine engine();

    @AfterAll
    void closePreparedModules() {
        prepared.values().forEach(PreparedModule::close);
    }

    // ---------------------------------------------------------------- normal runs

    @Test
    void runsACommandWithItsStdinStdoutAndStderr() {
        ExecutionOutcome outcome = run("hello").stdin("hello, engine").go();

        assertSucceeded(outcome);
        assertThat(text(outcome.stdout())).isEqualTo("hello, engine");
        assertThat(text(outcome.stderr())).isEqualTo("hello from stderr\n");
        assertThat(outcome.stdoutTruncated()).isFalse();
        assertThat(outcome.stderrTruncated()).isFalse();
        assertThat(outcome.engine()).isEqualTo(engine().name());
        assertThat(outcome.duration().isNegative()).isFalse();
    }

    @Test
    void exitThroughProcExitZeroIsASuccess() {
        assertSucceeded(run("exit-zero").go());
    }

    @Test
    void nonZeroExitCodeIsReported() {
        ExecutionOutcome outcome = run("exit-code").go();

        assertFailed(outcome, FailureKind.EXIT_CODE);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertStillServes();
    }

    @Test
    void seesExactlyTheGivenArgumentsAndEnvironment() {
        ExecutionOutcome outcome = run("vars").args("probe", "first arg", "second")
                .env(Map.of("GRANTED_NAME", "granted value")).go();

        assertSucceeded(outcome);
        // Nothing of the host's environment (PATH, HOME, …) may show.
        assertThat(text(outcome.stdout())).isEqualTo("probe\nfirst arg\nsecond\n--\nGRANTED_NAME=granted value\n");
    }

    @Test
    void seesNoEnvironmentWhenNoneIsGranted() {
        ExecutionOutcome outcome = run("vars").go();

        assertSucceeded(outcome);
        assertThat(text(outcome.stdout())).isEqualTo("--\n");
    }

    /** A fresh instance per run: table-grow exits with its table's size at start, then grows it. */
    @Test
    void everyRunStartsFromTheModuleAsDeclared() {
        for (int i = 0; i < 3; i++) {
            ExecutionOutcome outcome = run("table-grow").go();
            assertFailed(outcome, FailureKind.EXIT_CODE);
            assertThat(outcome.exitCode()).as("table size at the start of run %d", i).isEqualTo(1);
        }
    }

    @Test
    void runsOnePreparedModuleConcurrently() throws Exception {
        int runs = 8;
        ExecutorService callers = Executors.newFixedThreadPool(runs);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExecutionOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String stdin = ("run " + i + ";").repeat(2000);
                outcomes.add(callers.submit(() -> {
                    start.await();
                    return run("hello").stdin(stdin).go();
                }));
            }
            start.countDown();
            for (int i = 0; i < runs; i++) {
                ExecutionOutcome outcome = outcomes.get(i).get(TEST_LIMITS.timeout().plus(SLACK).toSeconds(),
                        TimeUnit.SECONDS);
                assertSucceeded(outcome);
                assertThat(text(outcome.stdout())).as("stdout of run %d", i).isEqualTo(("run " + i + ";").repeat(2000));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- limits

    @Test
    void infiniteLoopTimesOut() {
        assertTimesOut("infinite-loop");
    }

    @Test
    void waitingInsideAHostCallTimesOut() {
        assertTimesOut("sleep");
    }

    @Test
    void growingMemoryPastTheCapIsAMemoryLimit() {
        ResourceLimits limits = new ResourceLimits(Duration.ofSeconds(30), 16L << 20, 0, 0);

        Timed timed = run("memory-bomb").limits(limits).timed();

        assertFailed(timed.outcome(), FailureKind.MEMORY_LIMIT);
        assertThat(timed.elapsed()).isLessThan(limits.timeout());
        assertStillServes();
    }

    @Test
    void declaredInitialMemoryAboveTheCapIsAMemoryLimit() {
        ExecutionOutcome outcome = run("big-initial-memory")
                .limits(new ResourceLimits(Duration.ofSeconds(30), 16L << 20, 0, 0)).go();

        assertFailed(outcome, FailureKind.MEMORY_LIMIT);
        assertStillServes();
    }

    @Test
    void floodingStdoutEndsPromptlyWithAnOutputLimit() {
        long cap = 1L << 20;
        ResourceLimits limits = new ResourceLimits(Duration.ofSeconds(60), 0, cap, 0);

        Timed timed = run("output-flood").limits(limits).timed();

        assertFailed(timed.outcome(), FailureKind.OUTPUT_LIMIT);
        assertThat(timed.outcome().stdoutTruncated()).isTrue();
        assertThat(timed.outcome().stdout().length).isPositive().isLessThanOrEqualTo((int) cap);
        assertThat(timed.elapsed()).isLessThan(limits.timeout());
        assertStillServes();
    }

    @Test
    void stdoutUpToTheCapIsAllowed() {
        String stdin = "x".repeat(1000);

        ExecutionOutcome outcome = run("hello").stdin(stdin).limits(new ResourceLimits(null, 0, 1000, 0)).go();

        assertSucceeded(outcome);
        assertThat(text(outcome.stdout())).isEqualTo(stdin);
    }

    @Test
    void oneByteOverTheStdoutCapIsAnOutputLimit() {
        ExecutionOutcome outcome = run("hello").stdin("x".repeat(1000))
                .limits(new ResourceLimits(null, 0, 999, 0)).go();

        assertFailed(outcome, FailureKind.OUTPUT_LIMIT);
        assertThat(outcome.stdout().length).isLessThanOrEqualTo(999);
        assertStillServes();
    }

    @Test
    void stderrOverItsCapIsTruncatedNotAFailure() {
        ExecutionOutcome outcome = run("hello").stdin("fine").limits(new ResourceLimits(null, 0, 0, 5)).go();

        assertSucceeded(outcome);
        assertThat(text(outcome.stdout())).isEqualTo("fine");
        assertThat(outcome.stderrTruncated()).isTrue();
        assertThat(text(outcome.stderr())).isEqualTo("hello");
    }

    @Test
    void trapIsReported() {
        assertFailed(run("trap").go(), FailureKind.TRAP);
        assertStillServes();
    }

    @Test
    void unboundedRecursionIsATrap() {
        Timed timed = run("unbounded-recursion").timed();

        assertFailed(timed.outcome(), FailureKind.TRAP);
        assertThat(timed.elapsed()).isLessThan(TEST_LIMITS.timeout());
        assertStillServes();
    }

    // ---------------------------------------------------------------- file system

    @Test
    void readsAFileInsideAGrantedDirectory(@TempDir Path tmp) throws IOException {
        Path grant = grantTree(tmp);

        assertThat(text(readThrough(grant, "data.txt"))).isEqualTo(EVIDENCE);
        assertThat(text(readThrough(grant, "sub/nested.txt"))).isEqualTo("nested\n");
    }

    @Test
    void followsSymlinksThatStayInsideTheGrant(@TempDir Path tmp) throws IOException {
        Path grant = grantTree(tmp);
        Files.createSymbolicLink(grant.resolve("alias"), Path.of("data.txt"));
        Files.createSymbolicLink(grant.resolve("sub-alias"), Path.of("sub"));
        Files.createSymbolicLink(grant.resolve("sub/up-alias"), Path.of("../data.txt"));

        assertThat(text(readThrough(grant, "alias"))).isEqualTo(EVIDENCE);
        assertThat(text(readThrough(grant, "sub-alias/nested.txt"))).isEqualTo("nested\n");
        assertThat(text(readThrough(grant, "sub/up-alias"))).isEqualTo(EVIDENCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "../outside/secret.txt", "sub/../../outside/secret.txt", "/etc/passwd", "ABSOLUTE" })
    void cannotReachOutsideTheGrantByPath(String path, @TempDir Path tmp) throws IOException {
        Path grant = grantTree(tmp);
        String guestPath = path.equals("ABSOLUTE") ? tmp.resolve("outside/secret.txt").toString() : path;

        assertRefused(run("fs-probe").args("fs-probe", "read", guestPath).dir(grant, "/data").go());
        assertStillServes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "leak", "leak-relative", "leak-dir/secret.txt" })
    void cannotReachOutsideTheGrantBySymlink(String path, @TempDir Path tmp) throws IOException {
        Path grant = grantTree(tmp);
        Files.createSymbolicLink(grant.resolve("leak"), tmp.resolve("outside/secret.txt"));
        Files.createSymbolicLink(grant.resolve("leak-relative"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(grant.resolve("leak-dir"), tmp.resolve("outside"));

        assertRefused(run("fs-probe").args("fs-probe", "read", path).dir(grant, "/data").go());
        assertStillServes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "badfd", "stdinfd" })
    void cannotOpenRelativeToAnythingButAPreopenedDirectory(String operation, @TempDir Path tmp)
            throws IOException {
        Path grant = grantTree(tmp);

        assertRefused(run("fs-probe").args("fs-probe", operation, "data.txt").dir(grant, "/data").go());
        assertStillServes();
    }

    @Test
    void seesNoFilesWithoutAGrant() {
        assertRefused(run("fs-probe").args("fs-probe", "read", "etc/passwd").go());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "create, new.txt", "create, sub/new.txt", "create, data.txt", "overwrite, data.txt",
            "append, data.txt", "mkdir, newdir", "unlink, data.txt", "unlink, sub/nested.txt" })
    void grantedDirectoriesAreReadOnly(String operation, String path, @TempDir Path tmp) throws IOException {
        Path grant = grantTree(tmp);
        Map<String, String> before = snapshot(grant);

        ExecutionOutcome outcome = run("fs-probe").args("fs-probe", operation, path).dir(grant, "/data").go();

        assertFailed(outcome, FailureKind.EXIT_CODE);
        assertThat(snapshot(grant)).as("the granted directory after %s %s", operation, path).isEqualTo(before);
        assertStillServes();
    }

    // ---------------------------------------------------------------- invalid modules

    @Test
    void garbageIsAnInvalidModule() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        byte[] hello = wasm("hello");

        assertInvalid(garbage);
        assertInvalid(new byte[0]);
        assertInvalid(Arrays.copyOf(hello, hello.length / 2));
        assertStillServes();
    }

    @Test
    void moduleWithoutStartIsNotACommand() {
        assertThatThrownBy(() -> engine().prepare(digest("no-start"), wasm("no-start")))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("_start");
        assertStillServes();
    }

    /** Refused when prepared, or at the latest when run, as INVALID_MODULE; never run. */
    @Test
    void moduleImportingUnknownHostFunctionsIsRefused() {
        PreparedModule module;
        try {
            module = engine().prepare(digest("unknown-import"), wasm("unknown-import"));
        } catch (AssessmentException refused) {
            assertThat(refused).hasMessageContaining("read_host_secret");
            assertStillServes();
            return;
        }
        try (module) {
            assertFailed(engine().run(module, request("unknown-import", new Run("unknown-import"))),
                    FailureKind.INVALID_MODULE);
        }
        assertStillServes();
    }

    // ---------------------------------------------------------------- helpers

    /** A run of one of the modules, built step by step. */
    protected final class Run {
        private final String module;
        private byte[] stdin = new byte[0];
        private List<String> args = List.of();
        private Map<String, String> env = Map.of();
        private final List<DirectoryGrant> directories = new ArrayList<>();
        private ResourceLimits limits = TEST_LIMITS;

        Run(String module) {
            this.module = module;
        }

        public Run stdin(String text) {
            stdin = text.getBytes(UTF_8);
            return this;
        }

        public Run args(String... values) {
            args = List.of(values);
            return this;
        }

        public Run env(Map<String, String> values) {
            env = values;
            return this;
        }

        public Run dir(Path host, String guest) {
            directories.add(new DirectoryGrant(host.toString(), guest));
            return this;
        }

        public Run limits(ResourceLimits value) {
            limits = value;
            return this;
        }

        /** Runs it on the engine under test. */
        public ExecutionOutcome go() {
            return engine().run(prepared(module), request(module, this));
        }

        /** Runs it and measures, from outside the engine, how long that took. */
        public Timed timed() {
            long start = System.nanoTime();
            ExecutionOutcome outcome = go();
            return new Timed(outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** An outcome and how long the caller waited for it. */
    protected record Timed(ExecutionOutcome outcome, Duration elapsed) {
    }

    /** Starts describing a run of {@code src/test/wat/<module>.wat}. */
    protected Run run(String module) {
        return new Run(module);
    }

    /** The module compiled by the engine under test, prepared once per test class. */
    protected PreparedModule prepared(String module) {
        return prepared.computeIfAbsent(module, name -> {
            try {
                return engine().prepare(digest(name), wasm(name));
            } catch (AssessmentException e) {
                throw new AssertionError("the engine refused " + name + ".wasm: " + e.getMessage(), e);
            }
        });
    }

    /** The bytes of {@code /wat/<module>.wasm}. */
    protected static byte[] wasm(String module) {
        try (InputStream in = EngineContractTest.class.getResourceAsStream("/wat/" + module + ".wasm")) {
            if (in == null) {
                throw new AssertionError("/wat/" + module + ".wasm is not on the test class path: the build compiles "
                        + "src/test/wat of assessment-wasm-executor with wat2wasm (apt-get install wabt)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Digest digest(String module) {
        return Digest.sha256(wasm(module));
    }

    private static ExecutionRequest request(String module, Run run) {
        byte[] bytes = wasm(module);
        return new ExecutionRequest(Digest.sha256(bytes), bytes, run.stdin, run.args, run.env, run.directories,
                run.limits, null);
    }

    private void assertTimesOut(String module) {
        ResourceLimits limits = new ResourceLimits(Duration.ofSeconds(2), 0, 0, 0);

        Timed timed = run(module).limits(limits).timed();

        assertFailed(timed.outcome(), FailureKind.TIMEOUT);
        assertThat(timed.elapsed()).as("waited for the timed-out run")
                .isGreaterThanOrEqualTo(limits.timeout().minusMillis(50))
                .isLessThan(limits.timeout().plus(SLACK));
        assertStillServes();
    }

    /** The hostile run is over; the engine must serve the next run normally. */
    protected void assertStillServes() {
        ExecutionOutcome outcome = run("hello").stdin("still serving").go();
        assertSucceeded(outcome);
        assertThat(text(outcome.stdout())).isEqualTo("still serving");
    }

    protected static void assertSucceeded(ExecutionOutcome outcome) {
        assertThat(outcome.failure()).as("failure of %s", outcome).isNull();
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.message()).isEmpty();
    }

    protected static void assertFailed(ExecutionOutcome outcome, FailureKind kind) {
        assertThat(outcome.failure()).as("failure of %s", outcome).isEqualTo(kind);
        assertThat(outcome.message()).as("message of %s", outcome).isNotBlank();
        if (kind != FailureKind.EXIT_CODE) {
            assertThat(outcome.exitCode()).isEqualTo(ExecutionOutcome.NO_EXIT_CODE);
        }
    }

    /** fs-probe exits with the errno of a refused call; a sandbox breach would exit 0. */
    private static void assertRefused(ExecutionOutcome outcome) {
        assertFailed(outcome, FailureKind.EXIT_CODE);
        assertThat(outcome.exitCode()).as("errno").isNotEqualTo(2);
        assertThat(text(outcome.stdout())).doesNotContain(SECRET);
    }

    private void assertInvalid(byte[] bytes) {
        assertThatThrownBy(() -> engine().prepare(Digest.sha256(bytes), bytes))
                .isInstanceOf(AssessmentException.class)
                .satisfies(refused -> assertThat(refused.getMessage()).isNotBlank());
    }

    private byte[] readThrough(Path grant, String path) {
        ExecutionOutcome outcome = run("fs-probe").args("fs-probe", "read", path).dir(grant, "/data").go();
        assertSucceeded(outcome);
        return outcome.stdout();
    }

    /** tmp/grant/{data.txt, sub/nested.txt} to grant, and tmp/outside/secret.txt beside it. */
    private static Path grantTree(Path tmp) throws IOException {
        Path grant = Files.createDirectories(tmp.resolve("grant"));
        Files.writeString(grant.resolve("data.txt"), EVIDENCE);
        Files.writeString(Files.createDirectories(grant.resolve("sub")).resolve("nested.txt"), "nested\n");
        Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("secret.txt"), SECRET);
        return grant;
    }

    /** Every path under root (links not followed) with the content of regular files. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String key = root.relativize(path).toString();
                entries.put(key, Files.isRegularFile(path) && !Files.isSymbolicLink(path)
                        ? Files.readString(path) : Files.isDirectory(path) ? "<dir>" : "<other>");
            }
        }
        if (entries.isEmpty()) {
            fail("nothing under " + root);
        }
        return entries;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
