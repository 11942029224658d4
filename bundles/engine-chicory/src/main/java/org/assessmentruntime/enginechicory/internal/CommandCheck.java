package org.assessmentruntime.enginechicory.internal;

import org.assessmentruntime.api.AssessmentException;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;

/**
 * Refuses, when a module is prepared, what could only fail when it runs: a module that is not a WASI
 * command (no {@code _start() -> ()}), or that imports anything but the WASI preview 1 functions this
 * engine provides, or that declares more than one memory (the memory cap is per memory). A plugin
 * gets nothing from the host that WASI does not define.
 */
final class CommandCheck {

    private static final String START = "_start";

    private CommandCheck() {
    }

    static void check(WasmModule module) throws AssessmentException {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            checkImport(module, module.importSection().getImport(i));
        }
        int memories = module.memorySection().map(section -> section.memoryCount()).orElse(0);
        if (memories > 1) {
            // The memory cap applies per memory; a WASI command has one.
            throw new AssessmentException("the module declares " + memories + " memories; a plugin may have one");
        }
        checkStart(module);
    }

    private static void checkImport(WasmModule module, Import imported) throws AssessmentException {
        String what = imported.module() + "." + imported.name();
        if (!(imported instanceof FunctionImport function)) {
            throw new AssessmentException("the module imports " + imported.importType() + " " + what
                    + "; a plugin may import only WASI preview 1 functions");
        }
        FunctionType wanted = module.typeSection().getType(function.typeIndex());
        FunctionType provided = WasiFunctions.MODULE.equals(imported.module())
                ? WasiFunctions.type(imported.name())
                : null;
        if (provided == null) {
            throw new AssessmentException("the module imports " + what
                    + ", which is not a WASI preview 1 function this engine provides");
        }
        if (!provided.equals(wanted)) {
            throw new AssessmentException("the module imports " + what + " as " + wanted + ", but it is "
                    + provided);
        }
    }

    private static void checkStart(WasmModule module) throws AssessmentException {
        ExportSection exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (START.equals(export.name()) && export.exportType() == ExternalType.FUNCTION) {
                FunctionType type = functionType(module, export.index());
                if (!type.params().isEmpty() || !type.returns().isEmpty()) {
                    throw new AssessmentException("the module's " + START + " is " + type
                            + "; a WASI command's takes and returns nothing");
                }
                return;
            }
        }
        throw new AssessmentException("the module exports no " + START
                + " function: it is not a WASI command (a library or reactor module cannot run as a plugin)");
    }

    /** The type of a function by its index, which counts imported functions first. */
    private static FunctionType functionType(WasmModule module, int index) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        if (index < imported) {
            int typeIndex = module.importSection().stream()
                    .filter(FunctionImport.class::isInstance).map(FunctionImport.class::cast)
                    .skip(index).findFirst().orElseThrow().typeIndex();
            return module.typeSection().getType(typeIndex);
        }
        return module.functionSection().getFunctionType(index - imported, module.typeSection());
    }
}
