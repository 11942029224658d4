package org.assessmentruntime.enginewasmtime.internal;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assessmentruntime.api.WasmEngine.HostLimits;
import org.assessmentruntime.api.model.DirectoryGrant;
import org.assessmentruntime.api.model.ExecutionOutcome;
import org.assessmentruntime.api.model.ExecutionRequest;
import org.assessmentruntime.api.model.FailureKind;
import org.assessmentruntime.api.model.ResourceLimits;
import org.assessmentruntime.enginewasmtime.internal.ModuleRewriter.MemoryLimits;

import io.github.kawamuray.wasmtime.Disposable;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.MemoryType;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.wasi.DirCaps;
import io.github.kawamuray.wasmtime.wasi.FileCaps;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;

/**
 * One run of a prepared module: a fresh store with its own WASI context, memory (capped), host
 * functions and instances, all freed at the end whatever happened. Used by one thread.
 */
final class GuestRun {

    /** Host functions see memory through a ByteBuffer, whose size is an int: caps stop below 2 GiB. */
    static final long MAX_PAGES = Integer.MAX_VALUE / ModuleRewriter.PAGE;

    /**
     * What WASI may do in a read-only granted directory and in the files opened there: look, never
     * change. wasmtime's WASI checks these capabilities on every call, for the directory and everything
     * opened under it.
     */
    private static final Set<DirCaps> READ_ONLY_DIR_CAPS = EnumSet.of(DirCaps.OPEN, DirCaps.READDIR,
            DirCaps.READLINK, DirCaps.PATH_FILESTAT_GET, DirCaps.FILESTAT_GET);
    private static final Set<FileCaps> READ_ONLY_FILE_CAPS = EnumSet.of(FileCaps.READ, FileCaps.SEEK,
            FileCaps.TELL, FileCaps.FILESTAT_GET, FileCaps.ADVISE, FileCaps.POLL_READWRITE);
    /**
     * A writable grant ({@link DirectoryGrant#writable()}) may also create, write, rename, link and remove.
     * It still cannot leave its directory: wasmtime's WASI resolves every path beneath the directory's
     * own descriptor (cap-std), refusing {@code ..}, absolute paths and symbolic links that lead out.
     */
    private static final Set<DirCaps> WRITABLE_DIR_CAPS = EnumSet.allOf(DirCaps.class);
    private static final Set<FileCaps> WRITABLE_FILE_CAPS = EnumSet.allOf(FileCaps.class);
    private static final Val.Type I32 = Val.Type.I32;
    /** Operations of the router's one host function (io-router.wat). */
    private static final int STDIN_READ = 0;
    private static final int OUTPUT_WRITE = 1;
    private static final int POLL_ONEOFF = 2;
    private static final int PROC_EXIT = 3;
    private static final int MAY_OPEN = 4;
    private static final int OPENED = 5;
    private static final int CLOSED = 6;
    private static final int RENUMBERED = 7;
    private static final int IS_OPEN = 8;
    private static final int SOCK_SHUTDOWN = 9;
    private static final int PRESTAT_DIR_NAME = 10;
    private static final int READLINK_SCRATCH = 11;
    private static final int READLINK_DONE = 12;

    private final WasmtimeHost host;
    private final WasmtimeModule module;
    private final ExecutionRequest request;
    private final long start;
    private final long capPages;
    private final String timeoutMessage;
    private final HostAbort abort = new HostAbort();
    private final GuestIo io;
    private final GuestDescriptors descriptors;
    private final Deque<Disposable> resources = new ArrayDeque<>();
    private Store<Void> store;
    private Memory memory;
    /** GrowGuard's getter, if the module grows its memory. */
    private Func refusedGrow;

    /**
     * @param start {@link System#nanoTime()} when the caller asked for the run
     */
    GuestRun(WasmtimeHost host, WasmtimeModule module, ExecutionRequest request, HostLimits hostLimits, long start) {
        this.host = host;
        this.module = module;
        this.request = request;
        this.start = start;
        ResourceLimits limits = request.limits();
        this.capPages = Math.min(limits.maxMemoryBytes() / ModuleRewriter.PAGE, MAX_PAGES);
        this.timeoutMessage = "the run exceeded its timeout of " + Outcomes.describe(limits.timeout());
        this.io = new GuestIo(request.stdin(), limits.maxStdoutBytes(), limits.maxStderrBytes(), this::view, abort);
        List<String> preopens = request.directories().stream().map(g -> Path.of(g.guestPath()).toString()).toList();
        this.descriptors = new GuestDescriptors(new OpenFiles(hostLimits.maxOpenFiles(), preopens), this::view, abort);
    }

    /** Runs the module to its end; never throws for anything the module does. */
    ExecutionOutcome call() {
        MemoryLimits declared = module.memory();
        if (declared != null && declared.minPages() > capPages) {
            return Outcomes.failure(FailureKind.MEMORY_LIMIT, 0, "the module declares "
                    + Outcomes.bytes(declared.minPages() * ModuleRewriter.PAGE) + " of initial memory, more than its limit of "
                    + Outcomes.bytes(capPages * ModuleRewriter.PAGE) + "; it was not started", io, start);
        }
        host.ticker().runStarted();
        try {
            return execute(declared);
        } finally {
            host.ticker().runEnded();
            while (!resources.isEmpty()) {
                resources.pop().dispose();
            }
        }
    }

    /** The outcome for a caller that stopped waiting because the run is stuck in a host call. */
    ExecutionOutcome abandoned() {
        return failed(FailureKind.TIMEOUT,
                timeoutMessage + " while blocked in a host call; its thread is released when the call returns");
    }

    /** An outcome for a run the engine could not carry out, with what the module wrote so far. */
    ExecutionOutcome failed(FailureKind kind, String message) {
        return Outcomes.failure(kind, 0, message, io, start);
    }

    private ExecutionOutcome execute(MemoryLimits declared) {
        try {
            store = track(new Store<>(null, host.runEngine(), wasi()));
        } catch (RuntimeException e) {
            return Outcomes.failure(FailureKind.INTERNAL, 0, "cannot set up WASI: " + e.getMessage(), io, start);
        }
        store.setEpochDeadline(host.ticker().ticks(request.limits().timeout()));
        long min = declared == null ? 0 : declared.minPages();
        long max = declared == null ? 0
                : declared.maxPages() == MemoryLimits.NO_MAXIMUM ? capPages : Math.min(declared.maxPages(), capPages);
        memory = track(new Memory(store, new MemoryType(min, max, false)));
        List<Func> entries = new ArrayList<>();
        try {
            Map<String, Extern> provided = routedImports();
            Instance instance = track(module.instantiate(store, resolve(module.imports(), provided)));
            if (module.hasStartFunction()) {
                entries.add(track(instance.getFunc(store, ModuleRewriter.START_EXPORT).orElseThrow()));
            }
            entries.add(track(instance.getFunc(store, "_start").orElseThrow()));
            refusedGrow = instance.getFunc(store, GrowGuard.REFUSED_EXPORT).map(this::track).orElse(null);
        } catch (IllegalStateException e) {
            return Outcomes.failure(FailureKind.INTERNAL, 0, e.getMessage(), io, start);
        } catch (RuntimeException e) {
            return Outcomes.failure(FailureKind.INVALID_MODULE, 0, "cannot instantiate the module: " + e.getMessage(),
                    io, start);
        }
        try {
            for (Func entry : entries) {
                entry.call(store);
            }
            return ended(null);
        } catch (RuntimeException e) {
            return ended(e);
        }
    }

    /** The module's routed imports: the router's exports, which call {@link #hostCall} or WASI. */
    private Map<String, Extern> routedImports() {
        GuestPoll poll = new GuestPoll(this::view, io, start + request.limits().timeout().toNanos(), abort,
                timeoutMessage);
        Func call = track(new Func(store, type(5, 1), (caller, p, r) -> r[0] = Val.fromI32(hostCall(poll, p))));
        Map<String, Extern> forRouter = Map.of("assessment_host.call", Extern.fromFunc(call),
                "assessment_host.memory", Extern.fromMemory(memory));
        Instance router = track(new Instance(store, host.router(), resolve(host.routerImports(), forRouter)));

        Map<String, Extern> routed = new HashMap<>();
        for (ImportType imported : module.imports()) {
            if (imported.module().equals(ModuleRewriter.ROUTED_MODULE)) {
                routed.put(ModuleRewriter.ROUTED_MODULE + "." + imported.name(),
                        Extern.fromFunc(track(router.getFunc(store, imported.name()).orElseThrow())));
            }
        }
        routed.put(ModuleRewriter.MEMORY_MODULE + "." + ModuleRewriter.MEMORY_NAME, Extern.fromMemory(memory));
        return routed;
    }

    private int hostCall(GuestPoll poll, Val[] p) {
        return switch (p[0].i32()) {
            case STDIN_READ -> io.stdinRead(u32(p[1]), u32(p[2]), u32(p[3]));
            case OUTPUT_WRITE -> io.outputWrite(p[1].i32(), u32(p[2]), u32(p[3]), u32(p[4]));
            case POLL_ONEOFF -> poll.pollOneoff(u32(p[1]), u32(p[2]), u32(p[3]), u32(p[4]));
            case PROC_EXIT -> throw new WasmFunctionError.I32ExitError(p[1].i32());
            case MAY_OPEN -> descriptors.mayOpen();
            case OPENED -> descriptors.opened(u32(p[1]));
            case CLOSED -> descriptors.closed(p[1].i32());
            case RENUMBERED -> descriptors.renumbered(p[1].i32(), p[2].i32());
            case IS_OPEN -> descriptors.open(p[1].i32());
            case SOCK_SHUTDOWN -> descriptors.sockShutdown(p[1].i32());
            case PRESTAT_DIR_NAME -> descriptors.prestatDirName(p[1].i32(), u32(p[2]), u32(p[3]));
            case READLINK_SCRATCH -> descriptors.readlinkScratch();
            case READLINK_DONE -> descriptors.readlinkDone(p[1].i32(), u32(p[2]), u32(p[3]), u32(p[4]));
            default -> throw new IllegalArgumentException("unknown host operation " + p[0].i32());
        };
    }

    /** The externs for a module's imports: ours where given, WASI's otherwise. */
    private List<Extern> resolve(List<ImportType> imports, Map<String, Extern> provided) {
        List<Extern> externs = new ArrayList<>(imports.size());
        for (ImportType imported : imports) {
            Extern extern = provided.get(imported.module() + "." + imported.name());
            if (extern == null) {
                extern = host.wasi().get(store, imported.module(), imported.name())
                        .orElseThrow(() -> new IllegalArgumentException("unknown import " + imported.module() + "."
                                + imported.name()));
                if (extern.type() == Extern.Type.FUNC) {
                    track(extern.func());
                }
            }
            externs.add(extern);
        }
        return externs;
    }

    private WasiCtx wasi() {
        WasiCtxBuilder builder = new WasiCtxBuilder();
        request.args().forEach(builder::arg);
        request.env().forEach(builder::env);
        WasiCtx wasi = builder.build();
        try {
            int fd = 3; // after stdin, stdout and stderr, as WASI libraries expect
            for (DirectoryGrant grant : request.directories()) {
                Path dir = Path.of(grant.hostPath());
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("granted directory " + dir + " does not exist");
                }
                // Anything but an explicit true is read-only.
                boolean writable = Boolean.TRUE.equals(grant.writable());
                wasi.insertDir(fd++, dir, writable ? WRITABLE_DIR_CAPS : READ_ONLY_DIR_CAPS,
                        writable ? WRITABLE_FILE_CAPS : READ_ONLY_FILE_CAPS, Path.of(grant.guestPath()));
            }
            return wasi;
        } catch (RuntimeException e) {
            wasi.dispose();
            throw e;
        }
    }

    /**
     * How the run ended.
     *
     * @param error what the entry point threw; {@code null} when it returned
     */
    private ExecutionOutcome ended(RuntimeException error) {
        return new Verdict(io, abort, start, timeoutMessage, capPages * ModuleRewriter.PAGE).of(error, this::memoryAtCap, this::refusedGrowBytes);
    }

    /** The memory a grow asked for that the cap refused ({@link GrowGuard}); 0 if none was refused. */
    private long refusedGrowBytes() {
        if (refusedGrow == null) {
            return 0;
        }
        // The run may have used up its epoch deadline; the getter is one instruction.
        store.setEpochDeadline(host.ticker().ticks(WasmtimeHost.TICK.multipliedBy(100)));
        return refusedGrow.call(store)[0].i64() * ModuleRewriter.PAGE;
    }

    /** The module may grow past the cap by its own declaration, and its memory has reached the cap. */
    private boolean memoryAtCap() {
        MemoryLimits declared = module.memory();
        boolean capBinds = declared != null
                && (declared.maxPages() == MemoryLimits.NO_MAXIMUM || declared.maxPages() > capPages);
        return capBinds && memory.size(store) >= capPages;
    }

    /** The memory as host functions see it, taken afresh because memory.grow changes it. */
    private ByteBuffer view() {
        return memory.buffer(store);
    }

    private <T extends Disposable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    private static FuncType type(int params, int results) {
        Val.Type[] in = new Val.Type[params];
        Val.Type[] out = new Val.Type[results];
        Arrays.fill(in, I32);
        Arrays.fill(out, I32);
        return new FuncType(in, out);
    }

    private static long u32(Val value) {
        return Integer.toUnsignedLong(value.i32());
    }
}
