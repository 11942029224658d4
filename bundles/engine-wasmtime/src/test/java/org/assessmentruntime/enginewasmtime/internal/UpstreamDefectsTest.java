package org.assessmentruntime.enginewasmtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;

/**
 * The wasmtime-java defect that decided how stdin reaches a guest. Should this test fail after an
 * upgrade, the defect is gone and GuestIo's stdin could be simplified.
 */
class UpstreamDefectsTest {

    @Test
    void wasiStdinFromAPathEmptiesTheFile(@TempDir Path tmp) throws IOException {
        TestEngines.host().close(); // loads the native library
        Path stdin = Files.writeString(tmp.resolve("stdin.json"), "{\"plugin\":\"input\"}");

        WasiCtx ctx = new WasiCtxBuilder().stdin(stdin).build();
        ctx.dispose();

        // Opened with File::create: truncated, and write-only, so a guest could not even read it.
        assertThat(stdin).isEmptyFile();
    }
}
