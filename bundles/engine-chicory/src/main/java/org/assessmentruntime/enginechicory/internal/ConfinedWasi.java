package org.assessmentruntime.enginechicory.internal;

import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;

/**
 * Chicory's WASI functions, confined to the granted directories and writing only inside writable ones.
 * The sandbox is built from Chicory's host functions by name:
 * <ul>
 * <li>calls that cannot change anything outside the run pass through unchanged ({@link #PASS_THROUGH}),
 * but {@code fd_read} on stdin, which {@link StdinReads} serves without Chicory's buffer per call;
 * <li>calls that take a path are resolved by {@link GrantedPaths} first; {@code path_open} is refused
 * with {@code EROFS} when it asks to create, truncate, append or write outside a writable grant;
 * <li>calls that change a directory are {@link PathWrites done here}, not by Chicory;
 * <li>calls that change an open file ({@link #FILE_WRITES}) pass to Chicory only for a descriptor on a
 * writable path ({@code EROFS} otherwise);
 * <li>every other call, i.e. anything a later Chicory adds, is refused with {@code ENOSYS}.
 * </ul>
 * A file outside writable grants is therefore only ever opened for reading; a write through such a
 * descriptor fails in Chicory too. And only so many at once: {@code path_open} fails with {@code EMFILE}
 * while the guest holds its {@link OpenFiles maximum}.
 */
final class ConfinedWasi {

    /** Calls that read, or act on the run's own streams, clocks and descriptors only. */
    static final Set<String> PASS_THROUGH = Set.of("adapter_close_badfd", "adapter_open_badfd", "args_get",
            "args_sizes_get", "clock_res_get", "clock_time_get", "environ_get", "environ_sizes_get", "fd_advise",
            "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get",
            "fd_pread", "fd_prestat_dir_name", "fd_prestat_get", "fd_read", "fd_seek", "fd_sync",
            "fd_tell", "fd_write", "poll_oneoff", "proc_exit", "proc_raise", "random_get", "sched_yield",
            "sock_accept", "sock_recv", "sock_send", "sock_shutdown");

    /** Calls that change the file an open descriptor names. */
    static final Set<String> FILE_WRITES = Set.of("fd_allocate", "fd_filestat_set_size", "fd_filestat_set_times",
            "fd_pwrite");

    // WASI oflags, fdflags and rights bits (Chicory keeps its constants private).
    private static final int O_CREAT = 1;
    private static final int O_EXCL = 4;
    private static final int O_TRUNC = 8;
    private static final int FD_APPEND = 1;
    private static final long RIGHT_FD_WRITE = 1L << 6;

    private final WasiPreview1 wasi;
    private final GrantedPaths paths;
    private final OpenFiles openFiles;
    private final StdinReads stdin;
    private final PathWrites writes;

    private ConfinedWasi(WasiPreview1 wasi, GrantedPaths paths, OpenFiles openFiles, StdinReads stdin) {
        this.wasi = wasi;
        this.paths = paths;
        this.openFiles = openFiles;
        this.stdin = stdin;
        this.writes = new PathWrites(paths);
    }

    /** The host functions a run's instance imports; {@code stdin} reads the stream the WASI options hold. */
    static HostFunction[] functions(WasiPreview1 wasi, GrantedPaths paths, OpenFiles openFiles, StdinReads stdin) {
        ConfinedWasi sandbox = new ConfinedWasi(wasi, paths, openFiles, stdin);
        return Arrays.stream(wasi.toHostFunctions()).map(sandbox::confine).toArray(HostFunction[]::new);
    }

    private HostFunction confine(HostFunction chicory) {
        return switch (chicory.name()) {
            case "path_open" -> replace(chicory, this::pathOpen);
            case "path_filestat_get" -> replace(chicory, this::pathFilestatGet);
            case "path_readlink" -> replace(chicory, writes::readlink);
            case "path_create_directory" -> replace(chicory, writes::createDirectory);
            case "path_remove_directory" -> replace(chicory, writes::removeDirectory);
            case "path_unlink_file" -> replace(chicory, writes::unlinkFile);
            case "path_rename" -> replace(chicory, writes::rename);
            case "path_symlink" -> replace(chicory, writes::symlink);
            case "path_link" -> replace(chicory, writes::link);
            case "path_filestat_set_times" -> replace(chicory, writes::setTimes);
            case "fd_close" -> replace(chicory, this::fdClose);
            case "fd_renumber" -> replace(chicory, this::fdRenumber);
            case "fd_read" -> replace(chicory, (instance, args) -> stdin.fdRead(chicory.handle(), instance, args));
            case "fd_readdir" -> replace(chicory, (instance, args) -> fdReaddir(chicory, instance, args));
            default -> PASS_THROUGH.contains(chicory.name()) ? chicory
                    : FILE_WRITES.contains(chicory.name()) ? replace(chicory, (instance, args) -> fileWrite(chicory,
                            instance, args))
                    : refuse(chicory, Errno.ENOSYS);
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
        Memory memory = instance.memory();
        GrantedPaths.Resolved target = paths.resolve(memory, args[0], args[2], args[3],
                GrantedPaths.follows(args[1]));
        if (target.isRefused()) {
            return errno(target.errno());
        }
        if (((oflags & (O_CREAT | O_EXCL | O_TRUNC)) != 0 || (rights & RIGHT_FD_WRITE) != 0
                || (fdflags & FD_APPEND) != 0) && !paths.writable(target.host())) {
            return errno(Errno.EROFS);
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
        GrantedPaths.Resolved target = paths.resolve(memory, args[0], args[2], args[3],
                GrantedPaths.follows(args[1]));
        return errno(target.isRefused() ? target.errno()
                : wasi.pathFilestatGet(memory, target.fd(), (int) args[1], target.path(), (int) args[4]));
    }

    // fd_readdir(fd, buf, buf_len, cookie, bufused)
    private long[] fdReaddir(HostFunction chicory, Instance instance, long... args) {
        Path directory = paths.directory((int) args[0]);
        if (directory == null) {
            // Not a granted directory: Chicory answers EBADF or ENOTDIR as the descriptor warrants.
            return chicory.handle().apply(instance, args);
        }
        return errno(DirectoryListing.list(instance.memory(), directory, (int) args[1], (int) args[2], args[3],
                (int) args[4]));
    }

    // fd_allocate, fd_filestat_set_size, fd_filestat_set_times, fd_pwrite: all take the descriptor first
    private long[] fileWrite(HostFunction chicory, Instance instance, long... args) {
        Path host = paths.host((int) args[0]);
        if (host == null) {
            // Not a granted file: stdin, stdout or stderr (Chicory has the errno), or no descriptor at all.
            return args[0] >= 0 && args[0] <= 2 ? chicory.handle().apply(instance, args) : errno(Errno.EBADF);
        }
        if (!paths.writable(host)) {
            return errno(Errno.EROFS);
        }
        try {
            return chicory.handle().apply(instance, args);
        } catch (NonWritableChannelException e) {
            // Chicory lets this escape from a file opened without the right to write.
            return errno(Errno.EBADF);
        }
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

    private static long[] errno(int errno) {
        return new long[] { errno };
    }
}
