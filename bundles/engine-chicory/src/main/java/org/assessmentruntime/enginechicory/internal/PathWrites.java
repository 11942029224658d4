package org.assessmentruntime.enginechicory.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;

/**
 * The WASI calls that change directories, done here on the host rather than by Chicory: Chicory
 * resolves paths lexically and follows links wherever they point, stores a symlink's target as an
 * absolute host path, and reports most failures as {@code EIO}. Every path is resolved by
 * {@link GrantedPaths} without following its last component (these calls act on a link itself, as POSIX
 * does), every change needs a {@link GrantedPaths#writable writable} path ({@code EROFS} otherwise),
 * the granted directories themselves can be neither removed nor replaced ({@code EBUSY}), and a new
 * symlink must point inside its grant: absolute targets and targets that climb out are refused
 * ({@code EPERM}), as in wasmtime.
 */
final class PathWrites {

    private static final LinkOption[] NOFOLLOW = { LinkOption.NOFOLLOW_LINKS };
    // WASI fstflags.
    private static final int ATIM = 1;
    private static final int ATIM_NOW = 2;
    private static final int MTIM = 4;
    private static final int MTIM_NOW = 8;

    private final GrantedPaths paths;

    PathWrites(GrantedPaths paths) {
        this.paths = paths;
    }

    // path_create_directory(fd, path, path_len)
    long[] createDirectory(Instance instance, long... args) {
        GrantedPaths.Resolved dir = paths.resolve(instance.memory(), args[0], args[1], args[2], false);
        int refused = mutable(dir);
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        return run(() -> {
            Files.createDirectory(dir.host());
            return Errno.SUCCESS;
        });
    }

    // path_remove_directory(fd, path, path_len)
    long[] removeDirectory(Instance instance, long... args) {
        GrantedPaths.Resolved dir = paths.resolve(instance.memory(), args[0], args[1], args[2], false);
        int refused = removable(dir);
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        return run(() -> {
            if (!attributes(dir.host()).isDirectory()) {
                return Errno.ENOTDIR;
            }
            Files.delete(dir.host());
            return Errno.SUCCESS;
        });
    }

    // path_unlink_file(fd, path, path_len)
    long[] unlinkFile(Instance instance, long... args) {
        GrantedPaths.Resolved file = paths.resolve(instance.memory(), args[0], args[1], args[2], false);
        int refused = removable(file);
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        return run(() -> {
            if (attributes(file.host()).isDirectory()) {
                return Errno.EISDIR;
            }
            if (trailingSlash(file)) {
                return Errno.ENOTDIR;
            }
            Files.delete(file.host());
            return Errno.SUCCESS;
        });
    }

    // path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)
    long[] rename(Instance instance, long... args) {
        Memory memory = instance.memory();
        GrantedPaths.Resolved from = paths.resolve(memory, args[0], args[1], args[2], false);
        GrantedPaths.Resolved to = paths.resolve(memory, args[3], args[4], args[5], false);
        int refused = removable(from);
        if (refused == Errno.SUCCESS) {
            refused = removable(to);
        }
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        return run(() -> {
            BasicFileAttributes source = attributes(from.host());
            if (!source.isDirectory() && (trailingSlash(from) || trailingSlash(to))) {
                return Errno.ENOTDIR;
            }
            if (Files.isDirectory(to.host(), NOFOLLOW) && !source.isDirectory()) {
                return Errno.EISDIR;
            }
            if (source.isDirectory() && Files.exists(to.host(), NOFOLLOW) && !Files.isDirectory(to.host(), NOFOLLOW)) {
                return Errno.ENOTDIR;
            }
            // rename(2) itself: replaces the target atomically, refuses a non-empty directory.
            Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE);
            return Errno.SUCCESS;
        });
    }

    // path_symlink(old_path, old_path_len, fd, new_path, new_path_len)
    long[] symlink(Instance instance, long... args) {
        Memory memory = instance.memory();
        String target = memory.readString((int) args[0], (int) args[1]);
        GrantedPaths.Resolved link = paths.resolve(memory, args[2], args[3], args[4], false);
        int refused = mutable(link);
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        if (!paths.confines(link.host().getParent(), target)) {
            return errno(Errno.EPERM);
        }
        return run(() -> {
            if (Files.exists(link.host(), NOFOLLOW)) {
                return Errno.EEXIST;
            }
            if (trailingSlash(link)) {
                return Errno.ENOENT;
            }
            Files.createSymbolicLink(link.host(), link.host().getFileSystem().getPath(target));
            return Errno.SUCCESS;
        });
    }

    // path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)
    long[] link(Instance instance, long... args) {
        Memory memory = instance.memory();
        GrantedPaths.Resolved existing = paths.resolve(memory, args[0], args[2], args[3],
                GrantedPaths.follows(args[1]));
        GrantedPaths.Resolved link = paths.resolve(memory, args[4], args[5], args[6], false);
        // The existing file must be writable too: a link would otherwise open a read-only file for writing.
        int refused = mutable(existing);
        if (refused == Errno.SUCCESS) {
            refused = mutable(link);
        }
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        return run(() -> {
            if (attributes(existing.host()).isDirectory()) {
                return Errno.EPERM;
            }
            if (Files.exists(link.host(), NOFOLLOW)) {
                return Errno.EEXIST;
            }
            if (trailingSlash(existing)) {
                return Errno.ENOTDIR;
            }
            if (trailingSlash(link)) {
                // What Linux answers: a new name ending in a slash would have to be a directory.
                return Errno.ENOENT;
            }
            Files.createLink(link.host(), existing.host());
            return Errno.SUCCESS;
        });
    }

    // path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)
    long[] setTimes(Instance instance, long... args) {
        int flags = (int) args[6];
        if ((flags & ~(ATIM | ATIM_NOW | MTIM | MTIM_NOW)) != 0 || (flags & (ATIM | ATIM_NOW)) == (ATIM | ATIM_NOW)
                || (flags & (MTIM | MTIM_NOW)) == (MTIM | MTIM_NOW)) {
            return errno(Errno.EINVAL);
        }
        GrantedPaths.Resolved file = paths.resolve(instance.memory(), args[0], args[2], args[3],
                GrantedPaths.follows(args[1]));
        int refused = mutable(file);
        if (refused != Errno.SUCCESS) {
            return errno(refused);
        }
        FileTime now = FileTime.from(Instant.now());
        FileTime access = time(flags, ATIM, ATIM_NOW, args[4], now);
        FileTime modified = time(flags, MTIM, MTIM_NOW, args[5], now);
        return run(() -> {
            Files.getFileAttributeView(file.host(), BasicFileAttributeView.class, NOFOLLOW).setTimes(modified,
                    access, null);
            return Errno.SUCCESS;
        });
    }

    // path_readlink(fd, path, path_len, buf, buf_len, buf_used): the link's text, truncated to the buffer
    long[] readlink(Instance instance, long... args) {
        Memory memory = instance.memory();
        GrantedPaths.Resolved link = paths.resolve(memory, args[0], args[1], args[2], false);
        if (link.isRefused()) {
            return errno(link.errno());
        }
        return run(() -> {
            byte[] target = Files.readSymbolicLink(link.host()).toString().getBytes(UTF_8);
            int used = (int) Math.min(target.length, args[4]);
            memory.write((int) args[3], target, 0, used);
            memory.writeI32((int) args[5], used);
            return Errno.SUCCESS;
        });
    }

    private static FileTime time(int flags, int set, int now, long nanos, FileTime current) {
        if ((flags & set) != 0) {
            return FileTime.from(Instant.ofEpochSecond(0, nanos));
        }
        return (flags & now) != 0 ? current : null;
    }

    private int mutable(GrantedPaths.Resolved target) {
        if (target.isRefused()) {
            return target.errno();
        }
        return paths.writable(target.host()) ? Errno.SUCCESS : Errno.EROFS;
    }

    private int removable(GrantedPaths.Resolved target) {
        int errno = mutable(target);
        return errno == Errno.SUCCESS && paths.isRoot(target.host()) ? Errno.EBUSY : errno;
    }

    private static boolean trailingSlash(GrantedPaths.Resolved target) {
        return target.path().endsWith("/");
    }

    private static BasicFileAttributes attributes(Path host) throws IOException {
        return Files.readAttributes(host, BasicFileAttributes.class, NOFOLLOW);
    }

    private static long[] run(HostCall call) {
        try {
            return errno(call.run());
        } catch (IOException e) {
            return errno(HostErrors.errno(e));
        }
    }

    private static long[] errno(int errno) {
        return new long[] { errno };
    }

    /** One host file operation, answering a WASI errno. */
    @FunctionalInterface
    private interface HostCall {
        int run() throws IOException;
    }
}
