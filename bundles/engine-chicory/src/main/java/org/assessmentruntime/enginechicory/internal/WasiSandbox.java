package org.assessmentruntime.enginechicory.internal;

import java.io.IOException;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.model.ExecutionRequest;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;

/**
 * The WASI world of one run: the request's stdin, arguments and environment, the capped stdout and
 * stderr, the granted directories, preopened read-only unless their grant is writable (which only the
 * CLI's {@code wasm run --dir} asks for; see {@link ConfinedWasi}), and at most the host's
 * {@code maxOpenFiles} files the guest opens itself. Nothing is inherited from the host process: no streams, no environment
 * variables, no working directory.
 */
final class WasiSandbox implements AutoCloseable {

    private final WasiPreview1 wasi;
    private final ImportValues imports;

    private WasiSandbox(WasiPreview1 wasi, ImportValues imports) {
        this.wasi = wasi;
        this.imports = imports;
    }

    /**
     * Builds the sandbox of a request.
     *
     * @throws IOException if a granted directory cannot be opened
     */
    static WasiSandbox open(ExecutionRequest request, HostLimits hostLimits, CappedOutput stdout, CappedOutput stderr)
            throws IOException {
        GrantedPaths paths = GrantedPaths.of(request.directories());
        StdinReads stdin = new StdinReads(request.stdin());
        WasiOptions.Builder options = WasiOptions.builder()
                .withStdin(stdin.stream(), false)
                .withStdout(stdout, false)
                .withStderr(stderr, false)
                .withArguments(request.args());
        request.env().forEach(options::withEnvironment);
        paths.preopens().forEach(options::withDirectory);
        WasiPreview1 wasi = WasiPreview1.builder().withLogger(QuietLogger.INSTANCE).withOptions(options.build())
                .build();
        return new WasiSandbox(wasi, ImportValues.builder().addFunction(ConfinedWasi.functions(wasi, paths,
                new OpenFiles(hostLimits.maxOpenFiles()), stdin)).build());
    }

    /** What the instance imports: the confined WASI functions and nothing else. */
    ImportValues imports() {
        return imports;
    }

    /**
     * Closes the files the guest left open, so that their host descriptors are freed when the run ends,
     * however it ended.
     */
    @Override
    public void close() {
        wasi.close();
    }
}
