package org.assessmentruntime.enginewasmtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the wasmtime engine (PID {@value WasmtimeEngine#PID}). */
@ObjectClassDefinition(name = "Assessment Runtime wasmtime engine",
        description = "The native WebAssembly engine for CPU-heavy plugins.")
public @interface WasmtimeEngineConfig {

    /** Where the native library is extracted; empty for the bundle's data area. */
    @AttributeDefinition(name = "Native library directory", required = false,
            description = "Directory into which the wasmtime JNI library is extracted once (in a subdirectory named "
                    + "by its SHA-256) and from which it is loaded at every start. Empty: the bundle's data area.")
    String nativeLibraryDirectory() default "";
}
