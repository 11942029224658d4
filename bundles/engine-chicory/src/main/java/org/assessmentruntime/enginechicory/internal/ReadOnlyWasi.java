package org.assessmentruntime.enginechicory.internal;

import java.util.Arrays;
import java.util.Set;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;

/**
 * Chicory's WASI functions, made read-only and confined to the granted directories. Chicory has no
 * read-only mode, so the sandbox is built from its host functions by name:
 * <ul>
 * <li>calls that cannot change anything outside the run pass through unchanged ({@link #PASS_THROUGH}),
 * but {@code fd_read} on stdin, which {@link StdinReads} serves without Chicory's buffer per call;
 * <li>calls that take a path are resolved by {@link GrantedPaths} first, and {@code path_open} is
 * refused with {@code EROFS} when it asks to create, truncate, append or write;
 * <li>every other call, i.e. everything that changes files and anything a later Chicory adds, is
 * refused: {@code EROFS} for the known mutating calls, {@code ENOSYS} for the rest.
 * </ul>
 * Files are therefore only ever opened for reading; a write through such a descriptor fails in Chicory
 * too ({@code ENOTCAPABLE}). And only so many at once: {@code path_open} fails with {@code EMFILE} while
 * the guest holds its {@link OpenFiles maximum}.
 */
final class ReadOnlyWasi {

    /** Calls that read, or act on the run's own streams, clocks and descriptors only. */
    static final Set<String> PASS_THROUGH = Set.of("adapter_close_badfd", "adapter_open_badfd", "args_get",
            "args_sizes_get", "clock_res_get", "clock_time_get", "environ_get", "environ_sizes_get", "fd_advise",
            "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get",
            "fd_pread", "fd_prestat_dir_name", "fd_prestat_get", "fd_read", "fd_readdir", "fd_seek", "fd_sync",
            "fd_tell", "fd_write", "poll_oneoff", "proc_exit", "proc_raise", "random_get", "sched_yield",
            "sock_accept", "sock_recv", "sock_send", "sock_shutdown");

    /** Calls that would change the file system. */
    static final Set<String> MUTATING = Set.of("fd_allocate", "fd_filestat_set_size", "fd_filestat_set_times",
            "fd_pwrite", "path_create_directory", "path_filestat_set_times", "path_link", "path_remove_directory",
            "path_rename", "path_symlink", "path_unlink_file");

    // WASI oflags, fdflags and rights bits (Chicory keeps its constants private).
    private static final int O_CREAT = 1;
    private static final int O_EXCL = 4;
    private static final int O_TRUNC = 8;
    private static final int FD_APPEND = 1;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;

    private final WasiPreview1 wasi;
    private final GrantedPaths paths;
    private final OpenFiles openFiles;
    private final StdinReads stdin;

    private ReadOnlyWasi(WasiPreview1 wasi, GrantedPaths paths, OpenFiles openFiles, StdinReads stdin) {
        this.wasi = wasi;
        this.paths = paths;
        this.openFiles = openFiles;
        this.stdin = stdin;
    }

    /** The host functions a run's instance imports; {@code stdin} reads the stream the WASI options hold. */
    static HostFunction[] functions(WasiPreview1 wasi, GrantedPaths paths, OpenFiles openFiles, StdinReads stdin) {
        ReadOnlyWasi sandbox = new ReadOnlyWasi(wasi, paths, openFiles, stdin);
        return Arrays.stream(wasi.toHostFunctions()).map(sandbox::confine).toArray(HostFunction[]::new);
    }

    private HostFunction confine(HostFunction chicory) {
        return switch (chicory.name()) {
            case "path_open" -> replace(chicory, this::pathOpen);
            case "path_filestat_get" -> replace(chicory, this::pathFilestatGet);
            case "path_readlink" -> replace(chicory, this::pathReadlink);
            case "fd_close" -> replace(chicory, this::fdClose);
            case "fd_renumber" -> replace(chicory, this::fdRenumber);
            case "fd_read" -> replace(chicory, (instance, args) -> stdin.fdRead(chicory.handle(), instance, args));
            default -> PASS_THROUGH.contains(chicory.name()) ? chicory
                    : refuse(chicory, MUTATING.contains(chicory.name()) ? Errno.EROFS : Errno.ENOSYS);
        };
    }

    private static HostFunction replace(HostFunction chicory, WasmFunctionHandle handle) {
        return new HostFunction(chicory.module(), chicory.name(), chicory.functionType(), handle);
    }

    private static HostFunction refuse(HostFunction chicory, int errno) {
        long[] result = chicory.functionType().returns().isEmpty() ? new long[0] : new long[] { errno };
        return replace(chicory, (instance, args) -> result.clone());
    }

    // path_open(dirfd, lookupflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd_out)
    private long[] pathOpen(Instance instance, long... args) {
        int oflags = (int) args[4];
        long rights = args[5];
        int fdflags = (int) args[7];
        if ((oflags & (O_CREAT | O_EXCL | O_TRUNC)) != 0 || (rights & RIGHT_FD_WRITE) != 0
                || (fdflags & FD_APPEND) != 0) {
            return errno(Errno.EROFS);
        }
        Memory memory = instance.memory();
        GrantedPaths.Resolved target = resolve(memory, args[0], args[2], args[3], follows(args[1]));
        if (target.isRefused()) {
            return errno(target.errno());
        }
        if (openFiles.full()) {
            return errno(Errno.EMFILE);
        }
        int fdOut = (int) args[8];
        int result = wasi.pathOpen(memory, target.fd(), (int) args[1], target.path(), oflags, rights, args[6],
                fdflags, fdOut);
        if (result == Errno.SUCCESS) {
            int fd = memory.readInt(fdOut);
            paths.opened(fd, target.host());
            openFiles.opened(fd);
        }
        return errno(result);
    }

    // path_filestat_get(dirfd, lookupflags, path, path_len, buf)
    private long[] pathFilestatGet(Instance instance, long... args) {
        Memory memory = instance.memory();
        GrantedPaths.Resolved target = resolve(memory, args[0], args[2], args[3], follows(args[1]));
        return errno(target.isRefused() ? target.errno()
                : wasi.pathFilestatGet(memory, target.fd(), (int) args[1], target.path(), (int) args[4]));
    }

    // path_readlink(dirfd, path, path_len, buf, buf_len, buf_used): never follows the link itself
    private long[] pathReadlink(Instance instance, long... args) {
        Memory memory = instance.memory();
        GrantedPaths.Resolved target = resolve(memory, args[0], args[1], args[2], false);
        return errno(target.isRefused() ? target.errno()
                : wasi.pathReadlink(memory, target.fd(), target.path(), (int) args[3], (int) args[4], (int) args[5]));
    }

    private long[] fdClose(Instance instance, long... args) {
        int fd = (int) args[0];
        int result = wasi.fdClose(fd);
        if (result == Errno.SUCCESS) {
            paths.closed(fd);
            openFiles.closed(fd);
            stdin.closed(fd);
        }
        return errno(result);
    }

    private long[] fdRenumber(Instance instance, long... args) {
        int result = wasi.fdRenumber((int) args[0], (int) args[1]);
        if (result == Errno.SUCCESS) {
            paths.renumbered((int) args[0], (int) args[1]);
            openFiles.renumbered((int) args[0], (int) args[1]);
            stdin.renumbered((int) args[0], (int) args[1]);
        }
        return errno(result);
    }

    private GrantedPaths.Resolved resolve(Memory memory, long dirFd, long pathPtr, long pathLen, boolean follow) {
        return paths.resolve((int) dirFd, memory.readString((int) pathPtr, (int) pathLen), follow);
    }

    private static boolean follows(long lookupFlags) {
        return (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    private static long[] errno(int errno) {
        return new long[] { errno };
    }
}
