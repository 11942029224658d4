package org.assessmentruntime.enginechicory.internal;

import java.util.List;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.NameCustomSection;

/**
 * A parsed module with empty function bodies and no custom section but the names: what instances of a
 * module whose every function compiled to JVM byte code need. Instantiating reads the types, imports,
 * exports, memory, tables, globals, elements and data; only the interpreter reads the bodies, and the
 * names serve stack traces. Kept for as long as a plugin stays installed, so its size matters: the
 * example plugins' parsed instructions were 28 MiB of the idle runtime's 70 MiB of live heap.
 */
final class WithoutCode {

    private static final FunctionBody EMPTY = new FunctionBody(List.of(), List.of());

    private WithoutCode() {
    }

    static WasmModule of(WasmModule module) {
        CodeSection.Builder code = CodeSection.builder()
                .setRequiresDataCount(module.codeSection().isRequiresDataCount());
        for (int i = 0; i < module.codeSection().functionBodyCount(); i++) {
            code.addFunctionBody(EMPTY);
        }
        WasmModule.Builder builder = WasmModule.builder()
                .setTypeSection(module.typeSection())
                .setImportSection(module.importSection())
                .setFunctionSection(module.functionSection())
                .setTableSection(module.tableSection())
                .setGlobalSection(module.globalSection())
                .setExportSection(module.exportSection())
                .setElementSection(module.elementSection())
                .setCodeSection(code.build())
                .setDataSection(module.dataSection())
                // Validated when it was parsed; validating again would walk the (now empty) bodies.
                .withValidation(false)
                .withDigest(module.digest());
        module.memorySection().ifPresent(builder::setMemorySection);
        module.startSection().ifPresent(builder::setStartSection);
        module.dataCountSection().ifPresent(builder::setDataCountSection);
        module.tagSection().ifPresent(builder::setTagSection);
        NameCustomSection names = module.nameSection();
        if (names != null) {
            builder.addCustomSection(names.name(), names);
        }
        return builder.build();
    }
}
