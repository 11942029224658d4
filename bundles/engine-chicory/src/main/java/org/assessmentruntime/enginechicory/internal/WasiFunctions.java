package org.assessmentruntime.enginechicory.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;

/** The WASI preview 1 functions Chicory implements, with their types: all a module may import. */
final class WasiFunctions {

    /** The import module name of WASI preview 1. */
    static final String MODULE = "wasi_snapshot_preview1";

    private static final Map<String, FunctionType> TYPES = load();

    private WasiFunctions() {
    }

    /** The type of a WASI function, or {@code null} if Chicory has none of that name. */
    static FunctionType type(String name) {
        return TYPES.get(name);
    }

    private static Map<String, FunctionType> load() {
        // A throwaway instance with no streams, arguments or directories, only to read the signatures.
        try (WasiPreview1 wasi = WasiPreview1.builder().withLogger(QuietLogger.INSTANCE).build()) {
            return Arrays.stream(wasi.toHostFunctions())
                    .collect(Collectors.toUnmodifiableMap(HostFunction::name, HostFunction::functionType));
        }
    }
}
