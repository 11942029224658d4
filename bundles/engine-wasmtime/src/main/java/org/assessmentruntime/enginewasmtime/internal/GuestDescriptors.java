package org.assessmentruntime.enginewasmtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.assessmentruntime.api.model.FailureKind;

/**
 * The host's side of the descriptor calls the I/O router (io-router.wat) makes around wasmtime's WASI:
 * the cap on open files ({@link OpenFiles}), and the errno values WASI specifies where wasmtime 7's WASI
 * answers otherwise. Each method answers a WASI errno, or {@link #DELEGATE} where WASI is to answer.
 */
final class GuestDescriptors {

    /** Returned when WASI is to answer the call instead. */
    static final int DELEGATE = -1;

    static final int ERRNO_BADF = 8;
    static final int ERRNO_MFILE = 33;
    static final int ERRNO_NAMETOOLONG = 37;
    static final int ERRNO_NOTSOCK = 57;

    /** Where {@code path_readlink} writes a link that did not fit the guest's buffer: PATH_MAX. */
    private static final int LINK_ROOM = 4096;
    /** The scratch area at the end of memory: the link, then the length WASI writes. */
    private static final int SCRATCH = LINK_ROOM + 4;

    private final OpenFiles files;
    private final Supplier<ByteBuffer> memory;
    private final HostAbort abort;
    /** The bytes under the scratch area while {@code path_readlink} uses it, else null. */
    private byte[] keptAside;
    private long scratch;

    GuestDescriptors(OpenFiles files, Supplier<ByteBuffer> memory, HostAbort abort) {
        this.files = files;
        this.memory = memory;
        this.abort = abort;
    }

    /** Before {@code path_open}: go ahead, or {@code EMFILE} at the cap. */
    int mayOpen() {
        return files.full() ? ERRNO_MFILE : GuestIo.ERRNO_SUCCESS;
    }

    /** WASI opened a descriptor and stored its number at {@code fdAddress}. */
    int opened(long fdAddress) {
        try {
            files.opened((int) GuestMemory.of(memory).u32(fdAddress));
            return GuestIo.ERRNO_SUCCESS;
        } catch (GuestMemory.Fault e) {
            // WASI just wrote there, so this cannot happen; counting nothing would undercount, so stop.
            throw abort.raise(FailureKind.INTERNAL, "cannot read the descriptor WASI opened at " + fdAddress);
        }
    }

    int closed(int fd) {
        files.closed(fd);
        return GuestIo.ERRNO_SUCCESS;
    }

    int renumbered(int from, int to) {
        files.renumbered(from, to);
        return GuestIo.ERRNO_SUCCESS;
    }

    /** Success if {@code fd} is open, else {@code EBADF}. */
    int open(int fd) {
        return files.isOpen(fd) ? GuestIo.ERRNO_SUCCESS : ERRNO_BADF;
    }

    /**
     * {@code sock_shutdown}: the host never gives a guest a socket, so any open descriptor is not one
     * ({@code ENOTSOCK}; wasmtime 7 answers {@code EBADF}).
     */
    int sockShutdown(int fd) {
        return files.isOpen(fd) ? ERRNO_NOTSOCK : ERRNO_BADF;
    }

    /**
     * {@code fd_prestat_dir_name} of a granted directory, answered here: wasmtime 7 answers
     * {@code ENAMETOOLONG} when the buffer is longer than the name, and success when it is shorter.
     * Other descriptors are WASI's to answer.
     */
    int prestatDirName(int fd, long address, long length) {
        String name = files.preopenName(fd);
        if (name == null) {
            return DELEGATE;
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            return ERRNO_NAMETOOLONG;
        }
        try {
            GuestMemory.of(memory).write(address, bytes, 0, bytes.length);
            return GuestIo.ERRNO_SUCCESS;
        } catch (GuestMemory.Fault e) {
            return GuestIo.ERRNO_FAULT;
        }
    }

    /**
     * Before the second try of a {@code path_readlink} whose buffer was too small (wasmtime 7 answers
     * {@code ERANGE} where POSIX and WASI keep what fits): keeps aside the last bytes of memory, where WASI
     * is to write the whole link, and answers their address; {@link #DELEGATE} if the memory is smaller.
     */
    int readlinkScratch() {
        ByteBuffer view = memory.get();
        if (view.capacity() < SCRATCH) {
            return DELEGATE;
        }
        scratch = view.capacity() - SCRATCH;
        keptAside = new byte[SCRATCH];
        view.get((int) scratch, keptAside);
        return (int) scratch;
    }

    /**
     * After the second try: copies what fits of the link into the guest's buffer, stores its length and
     * puts back the bytes kept aside, whatever the try answered.
     *
     * @param errno what WASI answered
     */
    int readlinkDone(int errno, long buffer, long bufferLength, long usedAddress) {
        if (keptAside == null) {
            throw abort.raise(FailureKind.INTERNAL, "path_readlink finished without its scratch area");
        }
        GuestMemory mem = GuestMemory.of(memory);
        byte[] link;
        try {
            if (errno != GuestIo.ERRNO_SUCCESS) {
                return errno;
            }
            // The scratch area lies inside the memory, which cannot shrink: reading it cannot fault.
            link = new byte[(int) Math.min(Math.min(mem.u32(scratch + LINK_ROOM), LINK_ROOM), bufferLength)];
            mem.read(scratch, link, 0, link.length);
        } catch (GuestMemory.Fault e) {
            return GuestIo.ERRNO_FAULT;
        } finally {
            memory.get().put((int) scratch, keptAside);
            keptAside = null;
        }
        try {
            mem.write(buffer, link, 0, link.length);
            mem.putU32(usedAddress, link.length);
            return GuestIo.ERRNO_SUCCESS;
        } catch (GuestMemory.Fault e) {
            return GuestIo.ERRNO_FAULT;
        }
    }
}
