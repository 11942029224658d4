package org.assessmentruntime.enginewasmtime.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * Bounds-checked little-endian access to a run's linear memory for host functions. Pointers come from
 * the guest and are not trusted: anything outside the memory is a {@link Fault}, which the host
 * functions report to the guest as WASI's {@code EFAULT}.
 *
 * <p>The view is taken afresh for each host call, because {@code memory.grow} changes its size.
 */
final class GuestMemory {

    /** A guest pointer or length outside the memory. */
    static final class Fault extends Exception {
        private static final long serialVersionUID = 1L;

        Fault() {
            super("guest pointer outside its memory", null, false, false);
        }
    }

    private final ByteBuffer buffer;

    private GuestMemory(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    static GuestMemory of(Supplier<ByteBuffer> view) {
        return new GuestMemory(view.get());
    }

    /** Reads an unsigned 32-bit value. */
    long u32(long address) throws Fault {
        check(address, 4);
        return Integer.toUnsignedLong(buffer.getInt((int) address));
    }

    long u64(long address) throws Fault {
        check(address, 8);
        return buffer.getLong((int) address);
    }

    int u8(long address) throws Fault {
        check(address, 1);
        return buffer.get((int) address) & 0xff;
    }

    int u16(long address) throws Fault {
        check(address, 2);
        return buffer.getShort((int) address) & 0xffff;
    }

    void putU32(long address, long value) throws Fault {
        check(address, 4);
        buffer.putInt((int) address, (int) value);
    }

    void putU64(long address, long value) throws Fault {
        check(address, 8);
        buffer.putLong((int) address, value);
    }

    void putU16(long address, int value) throws Fault {
        check(address, 2);
        buffer.putShort((int) address, (short) value);
    }

    void putU8(long address, int value) throws Fault {
        check(address, 1);
        buffer.put((int) address, (byte) value);
    }

    void read(long address, byte[] into, int offset, int length) throws Fault {
        check(address, length);
        buffer.get((int) address, into, offset, length);
    }

    void write(long address, byte[] from, int offset, int length) throws Fault {
        check(address, length);
        buffer.put((int) address, from, offset, length);
    }

    /** The {@code index}th iovec of an array at {@code iovs}: its buffer address and length. */
    long iovecAddress(long iovs, long index) throws Fault {
        return u32(iovs + 8 * index);
    }

    long iovecLength(long iovs, long index) throws Fault {
        return u32(iovs + 8 * index + 4);
    }

    /** Throws unless {@code length} bytes at {@code address} lie inside the memory. */
    void check(long address, long length) throws Fault {
        if (address < 0 || length < 0 || address + length > buffer.capacity()) {
            throw new Fault();
        }
    }
}
