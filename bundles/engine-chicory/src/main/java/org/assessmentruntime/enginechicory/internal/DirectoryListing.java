package org.assessmentruntime.enginechicory.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import com.dylibso.chicory.runtime.Memory;

/**
 * {@code fd_readdir} on a granted directory, answering for each entry what the entry itself is, as
 * WASI specifies and wasmtime does. Chicory's own listing follows symlinks to stat each entry, which
 * reports the type and inode of a host file outside the grants that a link points to, and silently
 * leaves out a link whose target does not exist (so a plugin never sees, and never reports, a
 * configuration file it cannot read).
 *
 * <p>Entries are {@code .}, {@code ..}, then the directory's entries in the host's order; the cookie is
 * the index of the next entry, as in Chicory, so that a guest reading in several calls resumes in place.
 */
final class DirectoryListing {

    // WASI filetype values.
    private static final byte UNKNOWN = 0;
    private static final byte BLOCK_DEVICE = 1;
    private static final byte CHARACTER_DEVICE = 2;
    private static final byte DIRECTORY = 3;
    private static final byte REGULAR_FILE = 4;
    private static final byte SOCKET_STREAM = 6;
    private static final byte SYMBOLIC_LINK = 7;
    /** dirent: d_next (u64), d_ino (u64), d_namlen (u32), d_type (u8), 3 bytes padding, then the name. */
    private static final int HEADER = 24;

    private DirectoryListing() {
    }

    /**
     * Writes the entries of directory from cookie on into the guest's buffer, truncating the last one
     * that does not fit (the guest detects a full buffer and calls again).
     *
     * @return the WASI errno
     */
    static int list(Memory memory, Path directory, int buf, int bufLen, long cookie, int bufUsedPtr) {
        if (cookie < 0) {
            return Errno.EINVAL;
        }
        int used = 0;
        long next = cookie;
        try (Stream<Path> entries = Files.list(directory)) {
            Iterator<Path> it = Stream.concat(Stream.of(directory.resolve("."), directory.resolve("..")), entries)
                    .skip(cookie).iterator();
            while (it.hasNext() && used < bufLen) {
                Path entry = it.next();
                next++;
                Map<String, Object> attributes;
                try {
                    attributes = Files.readAttributes(entry, "unix:mode,ino", LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue; // removed since the listing began
                }
                byte[] name = entry.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                ByteBuffer dirent = ByteBuffer.allocate(HEADER + name.length).order(ByteOrder.LITTLE_ENDIAN);
                dirent.putLong(0, next);
                dirent.putLong(8, ((Number) attributes.get("ino")).longValue());
                dirent.putInt(16, name.length);
                dirent.put(20, type(((Number) attributes.get("mode")).intValue()));
                dirent.position(HEADER);
                dirent.put(name);
                int size = Math.min(dirent.capacity(), bufLen - used);
                memory.write(buf + used, dirent.array(), 0, size);
                used += size;
            }
        } catch (NotDirectoryException e) {
            return Errno.ENOTDIR;
        } catch (NoSuchFileException e) {
            return Errno.ENOENT;
        } catch (UnsupportedOperationException e) {
            return Errno.ENOTSUP;
        } catch (IOException e) {
            return HostErrors.errno(e);
        }
        memory.writeI32(bufUsedPtr, used);
        return Errno.SUCCESS;
    }

    /** The WASI filetype of a POSIX st_mode. */
    static byte type(int mode) {
        return switch (mode & 0170000) {
            case 0140000 -> SOCKET_STREAM;
            case 0120000 -> SYMBOLIC_LINK;
            case 0100000 -> REGULAR_FILE;
            case 0060000 -> BLOCK_DEVICE;
            case 0040000 -> DIRECTORY;
            case 0020000 -> CHARACTER_DEVICE;
            default -> UNKNOWN;
        };
    }
}
