package org.assessmentruntime.enginewasmtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.WasmEngine.PreparedModule;
import org.assessmentruntime.api.model.Digest;

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

    /** The module prepared on engine; a refusal fails the test. */
    static PreparedModule prepare(WasmtimeEngine engine, byte[] module) {
        try {
            return engine.prepare(Digest.sha256(module), module);
        } catch (AssessmentException e) {
            throw new AssertionError(e);
        }
    }
}
