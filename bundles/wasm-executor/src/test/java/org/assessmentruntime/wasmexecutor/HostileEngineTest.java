package org.assessmentruntime.wasmexecutor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.WasmEngine.PreparedModule;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * Hostile modules against an engine's host resources (issue #15): a guest that opens files without end
 * must get {@code EMFILE} at the run's {@link HostLimits#maxOpenFiles()} and leave no host descriptor
 * behind however its run ends; a guest whose {@code memory.grow} the cap refused is a MEMORY_LIMIT
 * whatever it does next. Every engine runs these by extending this class (as with
 * {@link EngineContractTest}); the modules are in {@code src/test/wat}.
 *
 * <p>Host descriptors are counted in {@code /proc/self/fd} (Linux): those that lead into the granted
 * directory (the files the guest opened, and the directory itself) must all be closed when
 * {@link WasmEngine#run} returns. Only those are counted, so that descriptors the JVM opens meanwhile
 * for its own reasons (class path jars, other threads) do not matter.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class HostileEngineTest {

    /** WASI's "too many open files". */
    private static final int EMFILE = 33;
    private static final ResourceLimits LIMITS = new ResourceLimits(Duration.ofSeconds(30), 16L << 20, 0, 0);

    private final Map<String, PreparedModule> prepared = new ConcurrentHashMap<>();
    private Path grant;

    /** The engine under test: one instance for all tests of the class. */
    protected abstract WasmEngine engine();

    @BeforeAll
    void grantADirectory() throws IOException {
        grant = Files.createTempDirectory("hostile-engine").toRealPath();
        Files.writeString(grant.resolve("f"), "evidence\n");
    }

    @AfterAll
    void cleanUp() throws IOException {
        prepared.values().forEach(PreparedModule::close);
        Files.deleteIfExists(grant.resolve("f"));
        Files.deleteIfExists(grant);
    }

    // ---------------------------------------------------------------- open files

    @Test
    void aGuestOpeningFilesWithoutEndGetsEmfileAtTheCap() throws IOException {
        ExecutionOutcome outcome = hoard("exit", new HostLimits(16), LIMITS);

        // 1000 opens and closes first (closing gives the slot back), then 16 held, the 17th refused.
        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.EXIT_CODE);
        assertThat(outcome.exitCode()).as("the guest's errno").isEqualTo(EMFILE);
        assertThat(text(outcome.stdout())).isEqualTo("16\n");
        assertThat(descriptorsIntoTheGrant()).as("host descriptors into the grant after the run").isEmpty();
    }

    @Test
    void withoutAConfiguredCapTheDefaultApplies() {
        ExecutionRequest request = request("exit", LIMITS);

        ExecutionOutcome outcome = engine().run(module("fd-hoard"), request);

        assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(EMFILE);
        assertThat(text(outcome.stdout())).isEqualTo(HostLimits.DEFAULT_MAX_OPEN_FILES + "\n");
    }

    @Test
    void aGuestThatTrapsHoldingFilesLeavesNoHostDescriptorOpen() throws IOException {
        ExecutionOutcome outcome = hoard("trap", new HostLimits(200), LIMITS);

        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.TRAP);
        assertThat(text(outcome.stdout())).isEqualTo("200\n");
        assertThat(descriptorsIntoTheGrant()).as("host descriptors into the grant after the run").isEmpty();
    }

    @Test
    void aGuestThatTimesOutHoldingFilesLeavesNoHostDescriptorOpen() throws Exception {
        CompletableFuture<ExecutionOutcome> run = CompletableFuture.supplyAsync(() -> hoard("loop",
                new HostLimits(200), new ResourceLimits(Duration.ofSeconds(5), 16L << 20, 0, 0)));

        // While it spins it holds its 200 files as host descriptors (and wasmtime one on the directory).
        List<Path> held = List.of();
        while (held.size() < 200 && !run.isDone()) {
            held = descriptorsIntoTheGrant();
            Thread.onSpinWait();
        }
        assertThat(held.size()).as("host descriptors into the grant during the run").isBetween(200, 201);
        ExecutionOutcome outcome = run.get(1, TimeUnit.MINUTES);
        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.TIMEOUT);
        assertThat(text(outcome.stdout())).isEqualTo("200\n");
        assertThat(descriptorsIntoTheGrant()).as("host descriptors into the grant after the run").isEmpty();
    }

    // ---------------------------------------------------------------- memory

    @Test
    void aGrowTheCapRefusedThenATrapIsAMemoryLimit() {
        ExecutionOutcome outcome = run("grow-past-cap-trap");

        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.MEMORY_LIMIT);
        assertStillServes();
    }

    @Test
    void aGrowTheCapRefusedThenAnExitCodeIsAMemoryLimit() {
        ExecutionOutcome outcome = run("grow-past-cap-exit");

        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.MEMORY_LIMIT);
        assertStillServes();
    }

    @Test
    void aGrowWithinTheCapSucceeds() {
        ExecutionOutcome outcome = engine().run(module("grow-past-cap-trap"),
                new ExecutionRequest(digest("grow-past-cap-trap"), bytes("grow-past-cap-trap"), null,
                        List.of("grow"), null, null, new ResourceLimits(Duration.ofSeconds(30), 128L << 20, 0, 0),
                        null),
                HostLimits.DEFAULTS);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private ExecutionOutcome hoard(String mode, HostLimits hostLimits, ResourceLimits limits) {
        return engine().run(module("fd-hoard"), request(mode, limits), hostLimits);
    }

    private ExecutionRequest request(String mode, ResourceLimits limits) {
        return new ExecutionRequest(digest("fd-hoard"), bytes("fd-hoard"), null, List.of("fd-hoard", mode), null,
                List.of(new DirectoryGrant(grant.toString(), "/data")), limits, null);
    }

    private ExecutionOutcome run(String name) {
        return engine().run(module(name), new ExecutionRequest(digest(name), bytes(name), null, List.of(name), null,
                null, LIMITS, null), HostLimits.DEFAULTS);
    }

    private void assertStillServes() {
        ExecutionOutcome outcome = hoard("exit", new HostLimits(2), LIMITS);
        assertThat(outcome.exitCode()).as("the next run on the engine: %s", outcome).isEqualTo(EMFILE);
    }

    private PreparedModule module(String name) {
        return prepared.computeIfAbsent(name, n -> {
            try {
                return engine().prepare(digest(n), bytes(n));
            } catch (AssessmentException e) {
                throw new AssertionError("cannot prepare " + n + ": " + e.getMessage(), e);
            }
        });
    }

    private static Digest digest(String name) {
        return Digest.sha256(bytes(name));
    }

    private static byte[] bytes(String name) {
        try (InputStream in = HostileEngineTest.class.getResourceAsStream("/wat/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("/wat/" + name + ".wasm is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Descriptors this JVM holds open now on the granted directory or anything in it. */
    private List<Path> descriptorsIntoTheGrant() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(HostileEngineTest::target).filter(target -> target.startsWith(grant)).toList();
        }
    }

    private static Path target(Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (IOException e) {
            return fd; // closed meanwhile, e.g. the listing's own descriptor
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
