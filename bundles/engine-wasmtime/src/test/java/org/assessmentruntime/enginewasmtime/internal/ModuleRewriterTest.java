package org.assessmentruntime.enginewasmtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.Import;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.MemoryLimits;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.RewrittenModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Module;

/**
 * The binary rewriting that caps memory and routes I/O. Hand-assembled modules cover what wat2wasm
 * will not produce; wasmtime itself checks that rewritten modules are valid and import what we say.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ModuleRewriterTest {

    private final WasmtimeHost host = TestEngines.host();

    @AfterAll
    void close() {
        host.close();
    }

    // ---------------------------------------------------------------- LEB128

    @Test
    void leb128WritesTheShortestFormAndReadsItBack() throws AssessmentException {
        for (long value : new long[] { 0, 1, 127, 128, 300, 16_383, 16_384, 624_485, 0xffff_ffffL }) {
            byte[] encoded = Leb128.unsigned(value);
            assertThat(new WasmReader(encoded).u32()).as("%d", value).isEqualTo(value);
            assertThat(encoded.length).isEqualTo(value == 0 ? 1 : (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        }
        assertThat(Leb128.unsigned(624_485)).containsExactly(0xe5, 0x8e, 0x26);
    }

    @Test
    void leb128AcceptsPaddingUpToFiveBytes() throws AssessmentException {
        assertThat(new WasmReader(bytes(0x80, 0x80, 0x80, 0x80, 0x00)).u32()).isZero();
        assertThat(new WasmReader(bytes(0x83, 0x80, 0x00)).u32()).isEqualTo(3);
    }

    @Test
    void leb128RefusesMoreThan32BitsOrFiveBytes() {
        assertThatThrownBy(() -> new WasmReader(bytes(0xff, 0xff, 0xff, 0xff, 0x1f)).u32())
                .isInstanceOf(AssessmentException.class).hasMessageContaining("32 bits");
        assertThatThrownBy(() -> new WasmReader(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00)).u32())
                .isInstanceOf(AssessmentException.class).hasMessageContaining("5 bytes");
        assertThatThrownBy(() -> new WasmReader(bytes(0x80)).u32())
                .isInstanceOf(AssessmentException.class).hasMessageContaining("truncated");
    }

    // ---------------------------------------------------------------- rewriting

    @Test
    void routesIoImportsAndImportsTheMemoryWithItsDeclaredLimits() throws AssessmentException {
        RewrittenModule rewritten = ModuleRewriter.rewrite(WasmtimeEngineTest.contract("hello"));

        assertThat(rewritten.imports()).containsExactly(
                new Import("wasi_snapshot_preview1", "fd_read", 0), new Import("wasi_snapshot_preview1", "fd_write", 0));
        assertThat(rewritten.memory()).isEqualTo(new MemoryLimits(1, MemoryLimits.NO_MAXIMUM));
        assertThat(importsOf(rewritten.bytes())).containsExactly("assessment_io.fd_read FUNC",
                "assessment_io.fd_write FUNC", "assessment_runtime.memory MEMORY 1..none");
    }

    @Test
    void keepsADeclaredMaximumForTheRunToLower() throws AssessmentException {
        RewrittenModule rewritten = ModuleRewriter.rewrite(WasmtimeEngineTest.wasm("grow-report"));

        assertThat(rewritten.memory()).isEqualTo(new MemoryLimits(1, 1000));
        assertThat(importsOf(rewritten.bytes())).contains("assessment_runtime.memory MEMORY 1..1000");
    }

    @Test
    void leavesOtherWasiImportsAlone() throws AssessmentException {
        RewrittenModule rewritten = ModuleRewriter.rewrite(WasmtimeEngineTest.contract("vars"));

        assertThat(importsOf(rewritten.bytes())).containsExactly("wasi_snapshot_preview1.args_sizes_get FUNC",
                "wasi_snapshot_preview1.args_get FUNC", "wasi_snapshot_preview1.environ_sizes_get FUNC",
                "wasi_snapshot_preview1.environ_get FUNC", "assessment_io.fd_write FUNC", "assessment_io.proc_exit FUNC",
                "assessment_runtime.memory MEMORY 1..none");
    }

    @Test
    void addsAnImportSectionAfterTheTypeSectionWhenThereIsNone() throws AssessmentException {
        RewrittenModule rewritten = ModuleRewriter.rewrite(WasmtimeEngineTest.contract("infinite-loop"));

        assertThat(rewritten.imports()).isEmpty();
        assertThat(importsOf(rewritten.bytes())).containsExactly("assessment_runtime.memory MEMORY 1..none");
    }

    @Test
    void guardsEveryMemoryGrowAndExportsWhatTheCapRefused() throws AssessmentException {
        RewrittenModule rewritten = ModuleRewriter.rewrite(WasmtimeEngineTest.wasm("grow-everywhere"));

        assertThat(latin1(rewritten.bytes())).contains(GrowGuard.REFUSED_EXPORT);
        assertThat(importsOf(rewritten.bytes())).as("still valid, imports unmoved").containsExactly(
                "assessment_io.fd_write FUNC", "assessment_runtime.memory MEMORY 1..100");
    }

    @Test
    void leavesCodeWithoutMemoryGrowAlone() throws AssessmentException {
        RewrittenModule rewritten = ModuleRewriter.rewrite(WasmtimeEngineTest.contract("hello"));

        assertThat(latin1(rewritten.bytes())).doesNotContain(GrowGuard.REFUSED_EXPORT);
    }

    @Test
    void refusesTheGuardsNameAndInstructionsItCannotStepOver() {
        byte[] exportsTheGuardsName = section(7, concat(vec(2), name("_start"), bytes(0, 0),
                name(GrowGuard.REFUSED_EXPORT), bytes(0, 0)));
        assertRefused(module(typeSection(), functionSection(), exportsTheGuardsName, codeSection()),
                "exports " + GrowGuard.REFUSED_EXPORT + ", a name this engine reserves");

        // try (exception handling, which wasmtime does not run either) ... end, then memory.grow.
        byte[] body = bytes(0, 0x06, 0x40, 0x0b, 0x41, 1, 0x40, 0, 0x1a, 0x0b);
        byte[] code = section(10, concat(vec(1), vec(body.length), body));
        assertRefused(module(typeSection(), functionSection(), memorySection(limits(0, 1, -1)), startExport(), code),
                "instruction 0x6, which this engine does not support");
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aModuleWithoutMemoryKeepsItsBytes() throws AssessmentException {
        byte[] module = WasmtimeEngineTest.wasm("no-memory");

        RewrittenModule rewritten = ModuleRewriter.rewrite(module);

        assertThat(rewritten.memory()).isNull();
        assertThat(rewritten.bytes()).isEqualTo(module);
    }

    @Test
    void keepsCustomSectionsAndTheRestByteForByte() throws AssessmentException {
        byte[] custom = section(0, concat(name("note"), "kept".getBytes(StandardCharsets.UTF_8)));
        byte[] module = module(custom, typeSection(), functionSection(), memorySection(limits(1, 2, 5)), startExport(),
                codeSection(), custom);

        byte[] rewritten = ModuleRewriter.rewrite(module).bytes();

        byte[] expected = module(custom, typeSection(),
                section(2, concat(vec(1), name("assessment_runtime"), name("memory"), bytes(2), limits(1, 2, 5))),
                functionSection(), startExport(), codeSection(), custom);
        assertThat(rewritten).isEqualTo(expected);
        assertThat(importsOf(rewritten)).containsExactly("assessment_runtime.memory MEMORY 2..5");
    }

    @Test
    void paddedLengthsAreReadAndWrittenShortest() throws AssessmentException {
        byte[] paddedMemory = concat(bytes(5, 0x83, 0x80, 0x80, 0x80, 0x00), vec(1), limits(0, 1, -1));

        byte[] rewritten = ModuleRewriter.rewrite(module(typeSection(), functionSection(), paddedMemory, startExport(),
                codeSection())).bytes();

        assertThat(importsOf(rewritten)).containsExactly("assessment_runtime.memory MEMORY 1..none");
    }

    @Test
    void movesTheStartFunctionToAnExportThatEachRunCalls() throws AssessmentException {
        byte[] module = module(typeSection(), functionSection(), startExport(), section(8, vec(0)), codeSection());

        RewrittenModule rewritten = ModuleRewriter.rewrite(module);

        assertThat(rewritten.startFunction()).isTrue();
        assertThat(rewritten.bytes()).isEqualTo(module(typeSection(), functionSection(),
                section(7, concat(vec(2), name("_start"), bytes(0, 0), name("assessment_runtime.start"), bytes(0, 0))),
                codeSection()));
        assertThat(ModuleRewriter.rewrite(WasmtimeEngineTest.contract("hello")).startFunction()).isFalse();
    }

    // ---------------------------------------------------------------- refusals

    @ParameterizedTest
    @ValueSource(strings = { "empty", "text", "component", "truncated-section", "section-twice", "trailing-bytes",
            "unknown-import-kind" })
    void refusesMalformedBytes(String kind) {
        byte[] module = switch (kind) {
            case "empty" -> new byte[0];
            case "text" -> "(module)".getBytes(StandardCharsets.UTF_8);
            case "component" -> bytes(0, 'a', 's', 'm', 0x0d, 0, 1, 0);
            case "truncated-section" -> Arrays.copyOf(module(typeSection(), startExport()), 16);
            case "section-twice" -> module(typeSection(), typeSection(), startExport());
            case "trailing-bytes" -> module(section(5, concat(vec(1), limits(0, 1, -1), bytes(0))), startExport());
            default -> module(section(2, concat(vec(1), name("m"), name("n"), bytes(9))), startExport());
        };

        assertThatThrownBy(() -> ModuleRewriter.rewrite(module)).isInstanceOf(AssessmentException.class)
                .hasMessageStartingWith("not a valid WebAssembly module: ");
    }

    @Test
    void refusesWhatItCannotCap() {
        assertRefused(module(memorySection(concat(limits(0, 1, -1), limits(0, 1, -1)), 2), startExport()),
                "defines 2 memories");
        assertRefused(module(memorySection(limits(3, 1, 2)), startExport()), "shared memory");
        assertRefused(module(memorySection(limits(4, 1, -1)), startExport()), "64-bit memory");
        assertRefused(module(section(2, concat(vec(1), name("env"), name("memory"), bytes(2), limits(0, 1, -1))),
                startExport()), "imports its memory (env.memory)");
    }

    @Test
    void refusesAModuleUsingTheNameReservedForStartFunctions() {
        assertRefused(module(section(7, concat(vec(2), name("_start"), bytes(0, 0), name("assessment_runtime.start"),
                bytes(0, 0)))), "reserves");
    }

    @Test
    void refusesModulesThatAreNotCommands() {
        assertRefused(module(memorySection(limits(0, 1, -1))), "exports no _start function");
        // An export called _start that is a memory, not a function.
        assertRefused(module(memorySection(limits(0, 1, -1)), section(7, concat(vec(1), name("_start"), bytes(2, 0)))),
                "exports no _start function");
    }

    private static void assertRefused(byte[] module, String message) {
        assertThatThrownBy(() -> ModuleRewriter.rewrite(module)).isInstanceOf(AssessmentException.class)
                .hasMessageContaining(message);
    }

    /** The imports wasmtime sees in a compiled module, as "module.name KIND[ min..max]". */
    private List<String> importsOf(byte[] module) {
        Module compiled = host.compile(module);
        try {
            return Arrays.stream(compiled.imports()).map(ModuleRewriterTest::describe).toList();
        } finally {
            compiled.dispose();
        }
    }

    private static String describe(ImportType imported) {
        String text = imported.module() + "." + imported.name() + " " + imported.type();
        if (imported.type() == ImportType.Type.MEMORY) {
            long max = imported.memory().maximum();
            text += " " + imported.memory().minimum() + ".." + (max < 0 ? "none" : max);
        }
        return text;
    }

    // ---------------------------------------------------------------- a tiny assembler

    /** (type (func)) */
    private static byte[] typeSection() {
        return section(1, concat(vec(1), bytes(0x60, 0, 0)));
    }

    /** One function of type 0. */
    private static byte[] functionSection() {
        return section(3, concat(vec(1), vec(0)));
    }

    /** (export "_start" (func 0)) */
    private static byte[] startExport() {
        return section(7, concat(vec(1), name("_start"), bytes(0, 0)));
    }

    /** The function's body: no locals, end. */
    private static byte[] codeSection() {
        return section(10, concat(vec(1), vec(2), vec(0), bytes(0x0b)));
    }

    private static byte[] memorySection(byte[] limits) {
        return memorySection(limits, 1);
    }

    private static byte[] memorySection(byte[] limits, int count) {
        return section(5, concat(vec(count), limits));
    }

    /** Limits with the given flags; max -1 for none. */
    private static byte[] limits(int flags, long min, long max) {
        return max < 0 ? concat(bytes(flags), vec(min)) : concat(bytes(flags), vec(min), vec(max));
    }

    private static byte[] module(byte[]... sections) {
        return concat(bytes(0, 'a', 's', 'm', 1, 0, 0, 0), concat(sections));
    }

    private static byte[] section(int id, byte[] payload) {
        return concat(bytes(id), vec(payload.length), payload);
    }

    private static byte[] name(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(vec(utf8.length), utf8);
    }

    private static byte[] vec(long value) {
        return Leb128.unsigned(value);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
