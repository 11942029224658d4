package org.assessmentruntime.enginewasmtime.internal;

import java.io.ByteArrayOutputStream;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.FailureKind;

/**
 * Makes a {@code memory.grow} that the run's cap refused visible to the host. wasmtime-java has no
 * resource limiter: the cap is the maximum of the memory each run creates, so wasmtime answers such a
 * grow with -1 and tells nobody, and a module that then traps would be reported as a TRAP. ABI.md §7
 * says MEMORY_LIMIT, and Chicory ends the run at the refused grow with it; to do the same here, every
 * {@code memory.grow} in the module's code becomes a call to an added function that grows the memory
 * and, when the grow was refused although the module's own maximum allowed it (so the run's cap refused
 * it), records the size asked for and traps. The host reads the record through the added export
 * {@value #REFUSED_EXPORT} ({@link FailureKind#MEMORY_LIMIT} when it is not 0).
 *
 * <p>Nothing of the module moves: the two types, two functions and the global are appended after the
 * module's own, the call replaces the instruction in place, and bodies keep their order. A module
 * without {@code memory.grow} is left as it is.
 */
final class GrowGuard {

    /** The added function that returns the pages a refused grow asked for, or 0. */
    static final String REFUSED_EXPORT = "assessment_runtime.grow_refused";

    private static final int OP_CALL = 0x10;
    private static final int OP_MEMORY_GROW = 0x40;
    private static final int I32 = 0x7f;
    private static final int I64 = 0x7e;
    private static final int FUNC_TYPE = 0x60;
    /** A WebAssembly 32-bit memory has at most 65536 pages. */
    private static final long MAX_PAGES = 65536;

    private GrowGuard() {
    }

    /**
     * The sections to replace, and the index of the function to export as {@link #REFUSED_EXPORT}.
     *
     * @param types     the new type section
     * @param functions the new function section
     * @param globals   the new global section
     * @param code      the new code section
     * @param getter    the function index of the getter
     */
    record Guarded(byte[] types, byte[] functions, byte[] globals, byte[] code, long getter) {
    }

    /**
     * Guards the module's {@code memory.grow}s.
     *
     * @param types             the type section's payload
     * @param functions         the function section's payload
     * @param globals           the global section's payload, or {@code null} if it has none
     * @param code              the code section's payload
     * @param importedFunctions how many functions the module imports
     * @param importedGlobals   how many globals the module imports
     * @param declaredMaxPages  the memory's own maximum, or {@link ModuleRewriter.MemoryLimits#NO_MAXIMUM}
     * @return the new sections, or {@code null} when the code has no {@code memory.grow}
     * @throws AssessmentException if the code is malformed or uses instructions this engine does not know
     */
    static Guarded guard(byte[] types, byte[] functions, byte[] globals, byte[] code, long importedFunctions,
            long importedGlobals, long declaredMaxPages) throws AssessmentException {
        Vector typeVector = Vector.of(types);
        Vector functionVector = Vector.of(functions);
        Vector globalVector = globals == null ? new Vector(0, new byte[0]) : Vector.of(globals);
        long grow = importedFunctions + functionVector.count();
        long getter = grow + 1;
        long global = importedGlobals + globalVector.count();
        byte[] rewritten = Instructions.replaceMemoryGrow(code, Leb128.unsigned(grow));
        if (rewritten == null) {
            return null;
        }
        long growType = typeVector.count();
        ByteArrayOutputStream newTypes = new ByteArrayOutputStream();
        bytes(newTypes, FUNC_TYPE, 1, I32, 1, I32); // (i32) -> i32, as memory.grow
        bytes(newTypes, FUNC_TYPE, 0, 1, I64); // () -> i64
        ByteArrayOutputStream newFunctions = new ByteArrayOutputStream();
        Leb128.writeUnsigned(newFunctions, growType);
        Leb128.writeUnsigned(newFunctions, growType + 1);
        ByteArrayOutputStream newGlobal = new ByteArrayOutputStream();
        bytes(newGlobal, I64, 1, 0x42, 0, 0x0b); // mutable i64 = i64.const 0
        Vector codeVector = Vector.of(rewritten);
        ByteArrayOutputStream newCode = new ByteArrayOutputStream();
        body(newCode, growBody(global, declaredMaxPages == ModuleRewriter.MemoryLimits.NO_MAXIMUM ? MAX_PAGES
                : declaredMaxPages));
        body(newCode, getterBody(global));
        return new Guarded(typeVector.plus(2, newTypes), functionVector.plus(2, newFunctions),
                globalVector.plus(1, newGlobal), codeVector.plus(2, newCode), getter);
    }

    /**
     * {@code (func (param $delta i32) (result i32) (local $old i32) (local $wanted i64) ...)}: grows;
     * when refused and {@code size + delta <= declared maximum}, keeps the first refused size in the
     * global and traps ({@code unreachable}); otherwise returns what {@code memory.grow} returned.
     */
    private static byte[] growBody(long global, long maxPages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes(out, 2, 1, I32, 1, I64); // locals: 1 x i32, 1 x i64
        bytes(out, 0x20, 0, 0x40, 0, 0x22, 1); // local.get 0, memory.grow 0, local.tee 1
        bytes(out, 0x41, 0x7f, 0x46, 0x04, 0x40); // i32.const -1, i32.eq, if
        bytes(out, 0x3f, 0, 0xad, 0x20, 0, 0xad, 0x7c, 0x22, 2); // size + delta as u64, local.tee 2
        out.write(0x42); // i64.const maxPages (signed LEB; maxPages < 2^32, so positive)
        signed(out, maxPages);
        bytes(out, 0x58, 0x04, 0x40); // i64.le_u, if
        out.write(0x23); // global.get
        Leb128.writeUnsigned(out, global);
        bytes(out, 0x50, 0x04, 0x40, 0x20, 2, 0x24); // i64.eqz, if, local.get 2, global.set
        Leb128.writeUnsigned(out, global);
        bytes(out, 0x0b, 0x00, 0x0b, 0x0b); // end, unreachable, end, end
        bytes(out, 0x20, 1, 0x0b); // local.get 1, end
        return out.toByteArray();
    }

    private static byte[] getterBody(long global) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes(out, 0, 0x23); // no locals, global.get
        Leb128.writeUnsigned(out, global);
        out.write(0x0b);
        return out.toByteArray();
    }

    private static void body(ByteArrayOutputStream out, byte[] body) {
        Leb128.writeUnsigned(out, body.length);
        out.writeBytes(body);
    }

    private static void bytes(ByteArrayOutputStream out, int... values) {
        for (int value : values) {
            out.write(value);
        }
    }

    private static void signed(ByteArrayOutputStream out, long value) {
        long rest = value;
        while (true) {
            int b = (int) (rest & 0x7f);
            rest >>= 7;
            boolean done = rest == 0 && (b & 0x40) == 0 || rest == -1 && (b & 0x40) != 0;
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    /** A section that is a vector: its count and the bytes of its entries. */
    private record Vector(long count, byte[] entries) {

        static Vector of(byte[] payload) throws AssessmentException {
            WasmReader reader = new WasmReader(payload);
            long count = reader.u32();
            return new Vector(count, reader.bytes(payload.length - reader.position()));
        }

        byte[] plus(long added, ByteArrayOutputStream more) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Leb128.writeUnsigned(out, count + added);
            out.writeBytes(entries);
            out.writeBytes(more.toByteArray());
            return out.toByteArray();
        }
    }

    /** Walks function bodies instruction by instruction, so that only real opcodes are replaced. */
    private static final class Instructions {

        private final WasmReader reader;
        private final byte[] code;
        private final byte[] call;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int copied;
        private boolean replaced;

        private Instructions(byte[] code, int start, int end, byte[] call) {
            this.reader = new WasmReader(code, start, end);
            this.code = code;
            this.copied = start;
            this.call = call;
        }

        /** The code section with every {@code memory.grow} replaced, or null if it has none. */
        static byte[] replaceMemoryGrow(byte[] code, byte[] callTarget) throws AssessmentException {
            WasmReader section = new WasmReader(code);
            long count = section.u32();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Leb128.writeUnsigned(out, count);
            boolean any = false;
            for (long i = 0; i < count; i++) {
                int size = section.length();
                int start = section.position();
                section.bytes(size);
                Instructions body = new Instructions(code, start, start + size, callTarget);
                byte[] rewritten = body.rewrite();
                any |= body.replaced;
                Leb128.writeUnsigned(out, rewritten.length);
                out.writeBytes(rewritten);
            }
            if (!section.atEnd()) {
                throw WasmReader.malformed("the code section has trailing bytes");
            }
            return any ? out.toByteArray() : null;
        }

        private byte[] rewrite() throws AssessmentException {
            for (long groups = reader.u32(); groups > 0; groups--) {
                reader.u32();
                reader.u8();
            }
            while (!reader.atEnd()) {
                int at = reader.position();
                int op = reader.u8();
                if (op == OP_MEMORY_GROW) {
                    reader.u32(); // memory index: 0, the only memory
                    out.write(code, copied, at - copied);
                    out.write(OP_CALL);
                    out.writeBytes(call);
                    copied = reader.position();
                    replaced = true;
                } else {
                    immediates(op);
                }
            }
            out.write(code, copied, reader.position() - copied);
            return out.toByteArray();
        }

        /** Skips the immediates of one instruction (core 2.0: bulk memory, reference types, SIMD). */
        private void immediates(int op) throws AssessmentException {
            switch (op) {
                case 0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1 -> {
                    // none
                }
                case 0x02, 0x03, 0x04, 0x41, 0x42, 0xd0 -> skipLeb(); // block type, constants, heap type
                case 0x0c, 0x0d, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x3f, 0xd2 -> reader.u32();
                case 0x11 -> {
                    reader.u32();
                    reader.u32();
                }
                case 0x0e -> {
                    for (long targets = reader.u32(); targets >= 0; targets--) {
                        reader.u32();
                    }
                }
                case 0x1c -> reader.bytes(reader.length());
                case 0x43 -> reader.bytes(4);
                case 0x44 -> reader.bytes(8);
                case 0xfc -> bulk(reader.u32());
                case 0xfd -> simd(reader.u32());
                default -> {
                    if (op >= 0x28 && op <= 0x3e) {
                        memarg();
                    } else if (op < 0x45 || op > 0xc4) {
                        throw new AssessmentException("the module uses instruction 0x" + Integer.toHexString(op)
                                + ", which this engine does not support");
                    }
                }
            }
        }

        private void bulk(long op) throws AssessmentException {
            if (op <= 7) {
                return; // saturating truncations
            }
            switch ((int) op) {
                case 8, 10, 12, 14 -> {
                    reader.u32();
                    reader.u32();
                }
                case 9, 11, 13, 15, 16, 17 -> reader.u32();
                default -> throw new AssessmentException("the module uses instruction 0xfc " + op
                        + ", which this engine does not support");
            }
        }

        private void simd(long op) throws AssessmentException {
            if (op <= 11 || op == 92 || op == 93) {
                memarg();
            } else if (op == 12 || op == 13) {
                reader.bytes(16);
            } else if (op >= 21 && op <= 34) {
                reader.u8();
            } else if (op >= 84 && op <= 91) {
                memarg();
                reader.u8();
            }
        }

        private void memarg() throws AssessmentException {
            long align = reader.u32();
            if ((align & 0x40) != 0) {
                reader.u32(); // memory index (multi-memory)
            }
            skipLeb(); // offset
        }

        private void skipLeb() throws AssessmentException {
            for (int i = 0; i < 10; i++) {
                if ((reader.u8() & 0x80) == 0) {
                    return;
                }
            }
            throw WasmReader.malformed("a LEB128 number is longer than 10 bytes");
        }
    }
}
