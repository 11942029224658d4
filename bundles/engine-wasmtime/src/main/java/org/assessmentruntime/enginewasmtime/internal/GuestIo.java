package org.assessmentruntime.enginewasmtime.internal;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import org.assessmentruntime.api.model.FailureKind;

/**
 * A run's stdin, stdout and stderr, served by host functions from and to the JVM heap.
 *
 * <p>wasmtime-java can only connect them to files, and opens every such file with {@code File::create}:
 * write-only and truncated. A stdin file would be emptied and unreadable, and files for stdout would let
 * a flooding plugin fill the disk until its timeout. Here stdin is read from the request's bytes, and
 * stdout ends the run as soon as it passes its cap; stderr is cut at its cap, which is not a failure.
 */
final class GuestIo {

    static final int ERRNO_SUCCESS = 0;
    static final int ERRNO_FAULT = 21;

    private final byte[] stdin;
    private int stdinPosition;
    private final CappedOutput stdout;
    private final CappedOutput stderr;
    private final Supplier<ByteBuffer> memory;
    private final HostAbort abort;

    GuestIo(byte[] stdin, long maxStdout, long maxStderr, Supplier<ByteBuffer> memory, HostAbort abort) {
        this.stdin = stdin;
        this.stdout = new CappedOutput(maxStdout);
        this.stderr = new CappedOutput(maxStderr);
        this.memory = memory;
        this.abort = abort;
    }

    CappedOutput stdout() {
        return stdout;
    }

    CappedOutput stderr() {
        return stderr;
    }

    /** Bytes of stdin not yet read. */
    long stdinRemaining() {
        return stdin.length - stdinPosition;
    }

    /** Bytes that fd 1 or 2 still takes before its cap. */
    long room(long fd) {
        return Math.max(0, (fd == 1 ? stdout : stderr).room());
    }

    /** WASI {@code fd_read} on fd 0: fills the iovecs from the rest of stdin. */
    int stdinRead(long iovs, long count, long nreadAddress) {
        try {
            GuestMemory mem = GuestMemory.of(memory);
            long total = 0;
            for (long i = 0; i < count && stdinPosition < stdin.length; i++) {
                int length = (int) Math.min(mem.iovecLength(iovs, i), stdin.length - stdinPosition);
                mem.write(mem.iovecAddress(iovs, i), stdin, stdinPosition, length);
                stdinPosition += length;
                total += length;
            }
            mem.putU32(nreadAddress, total);
            return ERRNO_SUCCESS;
        } catch (GuestMemory.Fault e) {
            return ERRNO_FAULT;
        }
    }

    /**
     * WASI {@code fd_write} on fd 1 or 2. Stdout past its cap keeps what fits and ends the run with
     * {@link FailureKind#OUTPUT_LIMIT}; stderr past its cap keeps what fits and reports every byte as
     * written, so that the guest does not retry.
     */
    int outputWrite(int fd, long iovs, long count, long nwrittenAddress) {
        CappedOutput out = fd == 1 ? stdout : stderr;
        try {
            GuestMemory mem = GuestMemory.of(memory);
            long total = 0;
            for (long i = 0; i < count; i++) {
                long address = mem.iovecAddress(iovs, i);
                long length = mem.iovecLength(iovs, i);
                copy(mem, address, length, out);
                total += length;
            }
            mem.putU32(nwrittenAddress, total);
            return ERRNO_SUCCESS;
        } catch (GuestMemory.Fault e) {
            return ERRNO_FAULT;
        }
    }

    private void copy(GuestMemory mem, long address, long length, CappedOutput out) throws GuestMemory.Fault {
        mem.check(address, length);
        long kept = Math.min(length, Math.max(0, out.room()));
        byte[] chunk = new byte[(int) Math.min(kept, 64 * 1024)];
        for (long done = 0; done < kept; done += chunk.length) {
            int n = (int) Math.min(chunk.length, kept - done);
            mem.read(address + done, chunk, 0, n);
            out.append(chunk, 0, n);
        }
        if (kept < length) {
            out.markTruncated();
            if (out == stdout) {
                throw abort.raise(FailureKind.OUTPUT_LIMIT,
                        "stdout exceeded its limit of " + stdout.cap() + " bytes; the run was stopped");
            }
        }
    }
}
