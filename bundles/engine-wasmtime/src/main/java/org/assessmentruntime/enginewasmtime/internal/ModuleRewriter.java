package org.assessmentruntime.enginewasmtime.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.assessmentruntime.api.AssessmentException;

/**
 * Rewrites a WASI command before wasmtime compiles it, so that the host controls what wasmtime-java
 * cannot limit or redirect by itself:
 * <ul>
 * <li>The module's one memory becomes an import ({@value #MEMORY_MODULE}.{@value #MEMORY_NAME}) with
 * the limits it declared. Each run creates that memory with the run's cap as its maximum, so that
 * {@code memory.grow} past the cap fails inside the guest; one compiled module serves every cap.</li>
 * <li>The WASI imports in {@link #ROUTED} move to module {@value #ROUTED_MODULE}, where each run
 * provides stdin, capped stdout/stderr, a sleep that honours the timeout, proc_exit with any code, a
 * cap on the files the guest holds open, and WASI's errno values where wasmtime 7's differ.</li>
 * <li>A start function (run by wasmtime while instantiating, where wasmtime-java reports a trap or
 * an exit only as a message) is exported as {@value #START_EXPORT} instead, and each run calls it
 * before {@code _start}, with the same outcomes as any other call.</li>
 * <li>Every {@code memory.grow} goes through a function that traps when the run's cap refused it, and
 * says so ({@link GrowGuard}).</li>
 * </ul>
 * No change moves an index: imported functions stay where they were, and the memory keeps index 0
 * because a module may have only one.
 */
final class ModuleRewriter {

    /** Where the module's memory is imported from. */
    static final String MEMORY_MODULE = "assessment_runtime";
    static final String MEMORY_NAME = "memory";
    /** Where the routed WASI functions are imported from. */
    static final String ROUTED_MODULE = "assessment_io";
    /** The export under which a module's start function is called. */
    static final String START_EXPORT = "assessment_runtime.start";
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    static final Set<String> ROUTED = Set.of("fd_read", "fd_write", "poll_oneoff", "proc_exit", "path_open",
            "fd_close", "fd_renumber", "fd_fdstat_set_rights", "fd_prestat_dir_name", "path_readlink",
            "sock_shutdown");

    static final int KIND_FUNC = 0;
    static final int KIND_MEMORY = 2;
    private static final int SECTION_TYPE = 1;
    private static final int SECTION_IMPORT = 2;
    private static final int SECTION_FUNCTION = 3;
    private static final int SECTION_MEMORY = 5;
    private static final int SECTION_GLOBAL = 6;
    private static final int SECTION_CODE = 10;
    private static final int KIND_GLOBAL = 3;
    /** Sections that come after the global section, in any module that has them. */
    private static final Set<Integer> AFTER_GLOBAL = Set.of(7, 8, 9, 10, 11, 12);
    private static final int SECTION_EXPORT = 7;
    private static final int SECTION_START = 8;
    private static final byte[] MAGIC = { 0, 'a', 's', 'm' };
    private static final byte[] VERSION_1 = { 1, 0, 0, 0 };

    /** A WebAssembly page: 64 KiB. */
    static final long PAGE = 64 * 1024;

    private ModuleRewriter() {
    }

    /**
     * The memory a module declared, in pages.
     *
     * @param minPages its initial size
     * @param maxPages its own maximum, or {@link #NO_MAXIMUM}
     */
    record MemoryLimits(long minPages, long maxPages) {
        static final long NO_MAXIMUM = -1;
    }

    /** An import as the module declared it (before routing). */
    record Import(String module, String name, int kind) {
    }

    /**
     * @param bytes         the module to compile
     * @param imports       the module's own imports, before routing
     * @param memory        its memory, now imported; {@code null} when it has none
     * @param startFunction whether it has a start function, now exported as {@link #START_EXPORT}
     */
    record RewrittenModule(byte[] bytes, List<Import> imports, MemoryLimits memory, boolean startFunction) {
    }

    private record Section(int id, byte[] payload) {
    }

    private record ImportEntry(byte[] module, byte[] name, int kind, byte[] descriptor) {
    }

    private record ExportEntry(byte[] name, int kind, long index) {
    }

    /**
     * @param module the bytes of a module
     * @return the rewritten module
     * @throws AssessmentException if the bytes are not a binary WebAssembly module, the module defines
     *                             more than one memory, a shared or 64-bit memory, imports a memory, or
     *                             exports no {@code _start} function
     */
    static RewrittenModule rewrite(byte[] module) throws AssessmentException {
        List<Section> sections = sections(module);
        List<ImportEntry> imports = imports(find(sections, SECTION_IMPORT));
        MemoryLimits memory = memory(find(sections, SECTION_MEMORY));
        List<ExportEntry> exports = exports(find(sections, SECTION_EXPORT));
        byte[] start = find(sections, SECTION_START);
        if (start != null) {
            WasmReader reader = new WasmReader(start);
            exports.add(new ExportEntry(utf8(START_EXPORT), KIND_FUNC, reader.u32()));
            requireEnd(reader, "start");
        }

        List<ImportEntry> routed = new ArrayList<>();
        List<Import> declared = new ArrayList<>();
        for (ImportEntry entry : imports) {
            Import imported = new Import(WasmReader.text(entry.module), WasmReader.text(entry.name), entry.kind);
            if (entry.kind == KIND_MEMORY) {
                throw new AssessmentException("the module imports its memory (" + imported.module() + "."
                        + imported.name() + "); a WASI command defines its own");
            }
            declared.add(imported);
            boolean route = entry.kind == KIND_FUNC && imported.module().equals(WASI_MODULE)
                    && ROUTED.contains(imported.name());
            routed.add(route ? new ImportEntry(utf8(ROUTED_MODULE), entry.name, entry.kind, entry.descriptor) : entry);
        }
        if (memory != null) {
            routed.add(new ImportEntry(utf8(MEMORY_MODULE), utf8(MEMORY_NAME), KIND_MEMORY, limits(memory)));
            sections = guardMemoryGrow(sections, imports, memory, exports);
        }
        List<Section> rewritten = new ArrayList<>();
        for (Section section : sections) {
            if (section.id == SECTION_EXPORT) {
                rewritten.add(new Section(SECTION_EXPORT, exportPayload(exports)));
            } else if (section.id != SECTION_START && !(memory != null && section.id == SECTION_MEMORY)) {
                rewritten.add(section);
            }
        }
        return new RewrittenModule(assemble(rewritten, routed), List.copyOf(declared), memory, start != null);
    }

    /** The sections with {@link GrowGuard}'s changes, which add an export; unchanged without memory.grow. */
    private static List<Section> guardMemoryGrow(List<Section> sections, List<ImportEntry> imports,
            MemoryLimits memory, List<ExportEntry> exports) throws AssessmentException {
        byte[] types = find(sections, SECTION_TYPE);
        byte[] functions = find(sections, SECTION_FUNCTION);
        byte[] code = find(sections, SECTION_CODE);
        if (types == null || functions == null || code == null) {
            return sections;
        }
        long importedFunctions = imports.stream().filter(i -> i.kind == KIND_FUNC).count();
        long importedGlobals = imports.stream().filter(i -> i.kind == KIND_GLOBAL).count();
        GrowGuard.Guarded guarded = GrowGuard.guard(types, functions, find(sections, SECTION_GLOBAL), code,
                importedFunctions, importedGlobals, memory.maxPages());
        if (guarded == null) {
            return sections;
        }
        exports.add(new ExportEntry(utf8(GrowGuard.REFUSED_EXPORT), KIND_FUNC, guarded.getter()));
        List<Section> out = new ArrayList<>();
        boolean globalsPlaced = false;
        for (Section section : sections) {
            if (!globalsPlaced && AFTER_GLOBAL.contains(section.id)) {
                out.add(new Section(SECTION_GLOBAL, guarded.globals()));
                globalsPlaced = true;
            }
            switch (section.id) {
                case SECTION_TYPE -> out.add(new Section(SECTION_TYPE, guarded.types()));
                case SECTION_FUNCTION -> out.add(new Section(SECTION_FUNCTION, guarded.functions()));
                case SECTION_CODE -> out.add(new Section(SECTION_CODE, guarded.code()));
                case SECTION_GLOBAL -> {
                    // Placed above, before the first section that follows it.
                }
                default -> out.add(section);
            }
        }
        return out;
    }

    private static List<Section> sections(byte[] module) throws AssessmentException {
        if (module.length < 8 || !Arrays.equals(module, 0, 4, MAGIC, 0, 4)) {
            throw WasmReader.malformed("it does not start with the WebAssembly magic number");
        }
        if (!Arrays.equals(module, 4, 8, VERSION_1, 0, 4)) {
            throw WasmReader.malformed("binary format version is not 1 (a component, or another format)");
        }
        WasmReader reader = new WasmReader(module, 8, module.length);
        List<Section> sections = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (!reader.atEnd()) {
            int id = reader.u8();
            Section section = new Section(id, reader.bytes(reader.length()));
            if (id != 0 && seen[id]) {
                throw WasmReader.malformed("section " + id + " appears twice");
            }
            seen[id] = true;
            sections.add(section);
        }
        return sections;
    }

    private static byte[] find(List<Section> sections, int id) {
        return sections.stream().filter(s -> s.id == id).map(Section::payload).findFirst().orElse(null);
    }

    private static List<ImportEntry> imports(byte[] payload) throws AssessmentException {
        List<ImportEntry> entries = new ArrayList<>();
        if (payload == null) {
            return entries;
        }
        WasmReader reader = new WasmReader(payload);
        for (long i = reader.u32(); i > 0; i--) {
            byte[] module = reader.name();
            byte[] name = reader.name();
            int kind = reader.u8();
            int start = reader.position();
            switch (kind) {
                case KIND_FUNC -> reader.u32();
                case 1 -> { // table: reference type, then limits
                    reader.u8();
                    readLimits(reader);
                }
                case KIND_MEMORY -> readLimits(reader);
                case 3 -> { // global: value type, mutability
                    reader.u8();
                    reader.u8();
                }
                default -> throw WasmReader.malformed("unknown import kind " + kind);
            }
            entries.add(new ImportEntry(module, name, kind, Arrays.copyOfRange(payload, start, reader.position())));
        }
        requireEnd(reader, "import");
        return entries;
    }

    private static MemoryLimits memory(byte[] payload) throws AssessmentException {
        if (payload == null) {
            return null;
        }
        WasmReader reader = new WasmReader(payload);
        long count = reader.u32();
        if (count == 0) {
            return null;
        }
        if (count > 1) {
            throw new AssessmentException("the module defines " + count + " memories; only one is supported");
        }
        MemoryLimits limits = readLimits(reader);
        requireEnd(reader, "memory");
        return limits;
    }

    /** Limits of a memory or table: flag 0 (minimum) or 1 (minimum and maximum). */
    private static MemoryLimits readLimits(WasmReader reader) throws AssessmentException {
        int flags = reader.u8();
        if ((flags & 0x02) != 0) {
            throw new AssessmentException("the module uses a shared memory (threads), which is not supported");
        }
        if ((flags & 0x04) != 0) {
            throw new AssessmentException("the module uses a 64-bit memory, which is not supported");
        }
        if (flags > 1) {
            throw WasmReader.malformed("unknown limits flags " + flags);
        }
        long min = reader.u32();
        return new MemoryLimits(min, flags == 1 ? reader.u32() : MemoryLimits.NO_MAXIMUM);
    }

    /** The exports; there must be a function {@code _start}, and no name of ours. */
    private static List<ExportEntry> exports(byte[] payload) throws AssessmentException {
        List<ExportEntry> exports = new ArrayList<>();
        boolean command = false;
        if (payload != null) {
            WasmReader reader = new WasmReader(payload);
            for (long i = reader.u32(); i > 0; i--) {
                ExportEntry entry = new ExportEntry(reader.name(), reader.u8(), reader.u32());
                String name = WasmReader.text(entry.name);
                command |= name.equals("_start") && entry.kind == KIND_FUNC;
                if (name.equals(START_EXPORT) || name.equals(GrowGuard.REFUSED_EXPORT)) {
                    throw new AssessmentException("the module exports " + name + ", a name this engine reserves");
                }
                exports.add(entry);
            }
            requireEnd(reader, "export");
        }
        if (!command) {
            throw new AssessmentException("the module exports no _start function, so it is not a WASI command");
        }
        return exports;
    }

    private static byte[] exportPayload(List<ExportEntry> exports) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Leb128.writeUnsigned(payload, exports.size());
        for (ExportEntry entry : exports) {
            writeName(payload, entry.name);
            payload.write(entry.kind);
            Leb128.writeUnsigned(payload, entry.index);
        }
        return payload.toByteArray();
    }

    private static void requireEnd(WasmReader reader, String section) throws AssessmentException {
        if (!reader.atEnd()) {
            throw WasmReader.malformed("the " + section + " section has trailing bytes");
        }
    }

    private static byte[] limits(MemoryLimits memory) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean bounded = memory.maxPages() != MemoryLimits.NO_MAXIMUM;
        out.write(bounded ? 1 : 0);
        Leb128.writeUnsigned(out, memory.minPages());
        if (bounded) {
            Leb128.writeUnsigned(out, memory.maxPages());
        }
        return out.toByteArray();
    }

    /** The sections in their order, the import section replaced or added. */
    private static byte[] assemble(List<Section> sections, List<ImportEntry> imports) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Leb128.writeUnsigned(payload, imports.size());
        for (ImportEntry entry : imports) {
            writeName(payload, entry.module);
            writeName(payload, entry.name);
            payload.write(entry.kind);
            payload.writeBytes(entry.descriptor);
        }
        Section importSection = new Section(SECTION_IMPORT, payload.toByteArray());
        List<Section> out = new ArrayList<>();
        boolean placed = false;
        for (Section section : sections) {
            if (section.id == SECTION_IMPORT) {
                out.add(importSection);
                placed = true;
            } else {
                out.add(section);
            }
        }
        if (!placed && !imports.isEmpty()) {
            // The import section comes right after the type section, or first of all.
            int type = indexOf(out, SECTION_TYPE);
            out.add(type + 1, importSection);
        }
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(MAGIC);
        module.writeBytes(VERSION_1);
        for (Section section : out) {
            module.write(section.id);
            Leb128.writeUnsigned(module, section.payload.length);
            module.writeBytes(section.payload);
        }
        return module.toByteArray();
    }

    private static int indexOf(List<Section> sections, int id) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).id == id) {
                return i;
            }
        }
        return -1;
    }

    private static void writeName(ByteArrayOutputStream out, byte[] name) {
        Leb128.writeUnsigned(out, name.length);
        out.writeBytes(name);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
