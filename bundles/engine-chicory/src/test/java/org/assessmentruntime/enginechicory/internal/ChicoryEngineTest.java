package org.assessmentruntime.enginechicory.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine.PreparedModule;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.types.CodeSection;

/** What the contract does not cover: Chicory's own mechanics and the engine's misuse. */
class ChicoryEngineTest {

    private final ChicoryEngine engine = new ChicoryEngine();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void isNamedChicory() {
        assertThat(engine.name()).isEqualTo("chicory").isEqualTo(ChicoryEngine.NAME);
    }

    /**
     * Prepared modules run as JVM byte code, defined by a class loader whose parent is the loader of
     * Chicory's runtime classes: in OSGi that is this bundle's, which is how generated code sees the
     * embedded runtime.
     */
    @Test
    void compilesToClassesThatSeeTheRuntimeThroughTheirParentLoader() throws Exception {
        ChicoryModule module = (ChicoryModule) prepare("trap");
        ChicoryModule.Compiled compiled = module.compiled();

        Machine machine = Instance.builder(compiled.module()).withMachineFactory(compiled.machines())
                .withStart(false).build()
                .getMachine();

        assertThat(machine).isNotInstanceOf(InterpreterMachine.class);
        assertThat(machine.getClass().getClassLoader()).isNotSameAs(Instance.class.getClassLoader());
        assertThat(machine.getClass().getClassLoader().getParent()).isSameAs(Instance.class.getClassLoader());
    }

    /** The interrupt that stops a guest hits only its worker, and never a later run on that worker. */
    @Test
    void stoppingARunLeavesNoInterruptBehind() throws Exception {
        PreparedModule loop = prepare("infinite-loop");
        PreparedModule hello = prepare("hello");
        ResourceLimits quick = new ResourceLimits(Duration.ofMillis(50), 0, 0, 0);

        for (int i = 0; i < 20; i++) {
            assertThat(engine.run(loop, request("infinite-loop", quick, List.of())).failure())
                    .isEqualTo(FailureKind.TIMEOUT);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            ExecutionOutcome next = engine.run(hello, request("hello", null, List.of()));
            assertThat(next.failure()).as("%s", next).isNull();
            assertThat(new String(next.stdout(), UTF_8)).isEqualTo("ping");
        }
    }

    /** Tables live in the heap outside linear memory; they are bounded too. */
    @Test
    void growingATableWithoutEndIsAMemoryLimit() throws Exception {
        ExecutionOutcome outcome = engine.run(prepare("table-bomb"), request("table-bomb", null, List.of()));

        assertThat(outcome.failure()).as("%s", outcome).isEqualTo(FailureKind.MEMORY_LIMIT);
        assertThat(outcome.message()).contains("table");
    }

    @Test
    void missingGrantedDirectoryFailsTheRunNotTheEngine(@TempDir Path tmp) throws Exception {
        List<DirectoryGrant> missing = List.of(new DirectoryGrant(tmp.resolve("gone").toString(), "/data"));

        ExecutionOutcome outcome = engine.run(prepare("hello"), request("hello", null, missing));

        assertThat(outcome.failure()).isEqualTo(FailureKind.INTERNAL);
        assertThat(outcome.message()).contains("granted directory").contains("gone");
    }

    @Test
    void refusesModulesItDidNotPrepareOrThatAreClosed() throws Exception {
        PreparedModule hello = prepare("hello");
        PreparedModule foreign = new PreparedModule() {
            @Override
            public Digest digest() {
                return hello.digest();
            }

            @Override
            public void close() {
            }
        };
        hello.close();
        hello.close();

        assertThatThrownBy(() -> engine.run(foreign, request("hello", null, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.run(hello, request("hello", null, List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * Preparing only parses and validates (the runtime prepares every installed plugin at start-up);
     * the first run compiles, once, and later runs reuse that compilation.
     */
    @Test
    void compilesOnTheFirstRunOnly() throws Exception {
        ChicoryModule hello = (ChicoryModule) prepare("hello");
        assertThat(hello.isCompiled()).isFalse();

        ExecutionOutcome first = engine.run(hello, request("hello", null, List.of()));
        assertThat(first.failure()).isNull();
        assertThat(hello.isCompiled()).isTrue();
        ChicoryModule.Compiled compiled = hello.compiled();

        ExecutionOutcome second = engine.run(hello, request("hello", null, List.of()));
        assertThat(second.failure()).isNull();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(hello.compiled()).isSameAs(compiled);
    }

    /**
     * Once compiled, a module keeps no function body (its parsed instructions were most of the idle
     * runtime's heap), and runs instantiate it all the same.
     */
    @Test
    void keepsNoFunctionBodyOnceCompiled() throws Exception {
        ChicoryModule hello = (ChicoryModule) prepare("hello");
        assertThat(engine.run(hello, request("hello", null, List.of())).failure()).isNull();

        CodeSection code = hello.compiled().module().codeSection();
        assertThat(code.functionBodyCount()).isPositive();
        for (int i = 0; i < code.functionBodyCount(); i++) {
            assertThat(code.getFunctionBody(i).instructions()).isEmpty();
        }
        ExecutionOutcome again = engine.run(hello, request("hello", null, List.of()));
        assertThat(again.failure()).isNull();
        assertThat(again.exitCode()).isZero();
    }

    /**
     * A function too large for one JVM method is interpreted, so its module keeps its bodies: without
     * them that function would run nothing, and the module's own check of its result would trap.
     */
    @Test
    void keepsTheBodiesOfAModuleWithAFunctionTooLargeToCompile() throws Exception {
        int additions = 100_000;
        byte[] bytes = HugeFunctionModule.summingOnes(additions);
        ChicoryModule huge = (ChicoryModule) engine.prepare(Digest.sha256(bytes), bytes);

        ExecutionOutcome outcome = engine.run(huge, new ExecutionRequest(Digest.sha256(bytes), bytes, new byte[0],
                List.of("huge"), Map.of(), List.of(), null, null));

        assertThat(outcome.failure()).as(outcome.message()).isNull();
        assertThat(outcome.exitCode()).isZero();
        assertThat(huge.compiled().module().codeSection().getFunctionBody(1).instructions())
                .hasSizeGreaterThan(additions);
    }

    @Test
    void refusesInvalidModulesWhenPreparing() {
        byte[] notWasm = "not a module".getBytes(UTF_8);
        assertThatThrownBy(() -> engine.prepare(Digest.sha256(notWasm), notWasm))
                .isInstanceOf(AssessmentException.class).hasMessageContaining("not a valid WebAssembly module");
    }

    @Test
    void runsNothingOnceClosed() throws Exception {
        PreparedModule hello = prepare("hello");
        engine.close();

        ExecutionOutcome outcome = engine.run(hello, request("hello", null, List.of()));

        assertThat(outcome.failure()).isEqualTo(FailureKind.INTERNAL);
        assertThat(outcome.message()).contains("stopped");
    }

    private PreparedModule prepare(String name) throws AssessmentException, IOException {
        byte[] bytes = wasm(name);
        return engine.prepare(Digest.sha256(bytes), bytes);
    }

    private static ExecutionRequest request(String name, ResourceLimits limits, List<DirectoryGrant> dirs)
            throws IOException {
        byte[] bytes = wasm(name);
        return new ExecutionRequest(Digest.sha256(bytes), bytes, "ping".getBytes(UTF_8), List.of(name), Map.of(),
                dirs, limits, null);
    }

    private static byte[] wasm(String name) throws IOException {
        try (InputStream in = ChicoryEngineTest.class.getResourceAsStream("/wat/" + name + ".wasm")) {
            return in.readAllBytes();
        }
    }
}
