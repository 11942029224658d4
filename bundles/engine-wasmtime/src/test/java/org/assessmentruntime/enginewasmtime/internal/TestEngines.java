package org.assessmentruntime.enginewasmtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Engines for tests, extracting the native library where the build says (target/native-cache). */
final class TestEngines {

    private TestEngines() {
    }

    static Path nativeDirectory() {
        return Path.of(System.getProperty("wasmtime.test.native.dir", "target/native-cache"));
    }

    /** The native objects of an engine, without the engine. */
    static WasmtimeHost host() {
        try {
            NativeLibrary.load(nativeDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WasmtimeHost();
    }

    static WasmtimeEngine create() {
        try {
            return new WasmtimeEngine(nativeDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
