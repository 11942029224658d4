package org.assessmentruntime.enginechicory.internal;

import java.io.ByteArrayInputStream;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;

/**
 * {@code fd_read} on the run's stdin, straight from the request's bytes into guest memory. Chicory's own
 * fd_read allocates a buffer of each iovec's whole length per call, whatever the stream holds: a guest
 * reading its input with {@code fread} into a 64 KiB buffer cost 64 KiB of zeroed heap per call, about
 * a tenth of a small plugin's run. Every other descriptor, and stdin once the guest closed or renumbered
 * it, goes to Chicory's fd_read. The outcome is Chicory's: the same bytes, counts and errors.
 */
final class StdinReads {

    private static final int STDIN = 0;

    private final Stream stdin;
    /** The descriptor stdin is at: 0, another after fd_renumber, -1 once closed or replaced. */
    private int fd = STDIN;

    StdinReads(byte[] bytes) {
        this.stdin = new Stream(bytes);
    }

    /** The stream Chicory's WASI gets as stdin (for poll_oneoff and the like). */
    ByteArrayInputStream stream() {
        return stdin;
    }

    /** fd_read(fd, iovs, iovs_len, nread), with Chicory's for anything but stdin. */
    long[] fdRead(WasmFunctionHandle chicory, Instance instance, long... args) {
        if ((int) args[0] != fd) {
            return chicory.apply(instance, args);
        }
        return new long[] { read(instance.memory(), (int) args[1], (int) args[2], (int) args[3]) };
    }

    /** Reads stdin into the iovecs as Chicory's fd_read does; returns the errno. */
    int read(Memory memory, int iovs, int iovsLength, int nreadPtr) {
        int total = 0;
        for (int i = 0; i < iovsLength; i++) {
            int iovLength = memory.readInt(iovs + i * 8 + 4);
            int read = stdin.readInto(memory, memory.readInt(iovs + i * 8), iovLength);
            if (read < 0) {
                break;
            }
            total += read;
            if (read < iovLength) {
                break;
            }
        }
        memory.writeI32(nreadPtr, total);
        return Errno.SUCCESS;
    }

    /** After a successful fd_close. */
    void closed(int closed) {
        if (closed == fd) {
            fd = -1;
        }
    }

    /** After a successful fd_renumber: {@code to} now is what {@code from} was. */
    void renumbered(int from, int to) {
        if (from == fd) {
            fd = to;
        } else if (to == fd) {
            fd = -1;
        }
    }

    /** The request's stdin, readable by Chicory as a stream and by {@link #readInto} without a copy. */
    private static final class Stream extends ByteArrayInputStream {

        Stream(byte[] bytes) {
            super(bytes);
        }

        /** What {@code read(new byte[length])} and writing the bytes read at {@code addr} do together. */
        synchronized int readInto(Memory memory, int addr, int length) {
            if (length < 0) {
                throw new NegativeArraySizeException(Integer.toString(length)); // as Chicory's buffer
            }
            if (pos >= count) {
                return -1;
            }
            int read = Math.min(length, count - pos);
            memory.write(addr, buf, pos, read);
            pos += read;
            return read;
        }
    }
}
