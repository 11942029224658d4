package org.assessmentruntime.enginewasmtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.ExternItem;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;

/**
 * The native objects every run shares: one wasmtime engine, a linker holding WASI's functions, the
 * compiled I/O router (io-router.wat) and the epoch ticker.
 *
 * <p>wasmtime-java guards each Java handle with a lock held for the whole native call, and compiling a
 * module can take long, so the engine gets three handles: one for compiling, one for stores and linkers
 * of runs, one for the ticker. They are one engine, which modules and stores must share.
 */
final class WasmtimeHost implements AutoCloseable {

    /** The epoch's period, i.e. how precisely a spinning guest is stopped at its timeout. */
    static final Duration TICK = Duration.ofMillis(10);

    private final Engine compileEngine;
    private final Engine runEngine;
    private final Linker wasi;
    private final Set<String> wasiFunctions;
    private final Module router;
    private final List<ImportType> routerImports;
    private final EpochTicker ticker;

    WasmtimeHost() {
        try (Config config = new Config().epochInterruption(true)) {
            compileEngine = new Engine(config);
        }
        try (Store<Void> probe = new Store<>(null, compileEngine)) {
            runEngine = probe.engine();
            ticker = new EpochTicker(probe.engine(), TICK);
            wasi = new Linker(runEngine);
            WasiCtx.addToLinker(wasi);
            wasiFunctions = functionNames(wasi.externs(probe));
        }
        router = compile(routerText());
        routerImports = List.of(router.imports());
    }

    Engine runEngine() {
        return runEngine;
    }

    /** Resolves WASI imports of a run's modules; thread-safe. */
    Linker wasi() {
        return wasi;
    }

    /** Names of the WASI preview 1 functions a module may import. */
    Set<String> wasiFunctions() {
        return wasiFunctions;
    }

    Module router() {
        return router;
    }

    /** The router's imports, in the order its instantiation expects them. */
    List<ImportType> routerImports() {
        return routerImports;
    }

    EpochTicker ticker() {
        return ticker;
    }

    /** Compiles a module for this engine; wasmtime also accepts WebAssembly text. */
    Module compile(byte[] module) {
        return new Module(compileEngine, module);
    }

    private static Set<String> functionNames(Collection<ExternItem> externs) {
        Set<String> names = new TreeSet<>();
        for (ExternItem item : externs) {
            if (item.module().equals(ModuleRewriter.WASI_MODULE)) {
                names.add(item.name());
            }
            item.extern().func().dispose();
        }
        return Set.copyOf(names);
    }

    private static byte[] routerText() {
        try (InputStream in = WasmtimeHost.class.getResourceAsStream("io-router.wat")) {
            if (in == null) {
                throw new IllegalStateException("io-router.wat is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ticker.close();
        router.dispose();
        wasi.dispose();
        runEngine.dispose();
        compileEngine.dispose();
    }
}
