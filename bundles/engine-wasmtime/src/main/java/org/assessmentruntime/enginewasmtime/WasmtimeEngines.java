package org.assessmentruntime.enginewasmtime;

import java.io.IOException;
import java.nio.file.Path;

import org.assessmentruntime.api.WasmEngine;
import org.assessmentruntime.enginewasmtime.internal.WasmtimeEngine;

/** Creates the wasmtime engine outside OSGi. */
public final class WasmtimeEngines {

    private WasmtimeEngines() {
    }

    /**
     * A new wasmtime engine whose native library is extracted once into
     * {@code ~/.cache/assessment-runtime/native} and loaded from there on every later start (never
     * left behind in the temporary directory).
     *
     * @return the engine, named {@code wasmtime}; close it (it is {@link AutoCloseable}) when done
     * @throws IOException if the native library cannot be extracted or loaded, e.g. on a platform
     *                     without one (only Linux x86_64 and aarch64 are shipped)
     */
    public static WasmEngine create() throws IOException {
        return create(Path.of(System.getProperty("user.home"), ".cache", "assessment-runtime", "native"));
    }

    /**
     * A new wasmtime engine loading its native library from the given directory.
     *
     * @param nativeLibraryDirectory where the library is extracted (in a subdirectory named by its
     *                               SHA-256) and loaded from
     * @return the engine, named {@code wasmtime}
     * @throws IOException if the native library cannot be extracted or loaded
     */
    public static WasmEngine create(Path nativeLibraryDirectory) throws IOException {
        return new WasmtimeEngine(nativeLibraryDirectory);
    }
}
