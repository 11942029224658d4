package org.assessmentruntime.enginechicory.internal;

import static com.dylibso.chicory.runtime.ConstantEvaluators.computeConstantValue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;

/**
 * A guest's linear memory as one byte array, under the run's {@link MemoryCap}.
 *
 * <p>Why not Chicory's {@code ByteArrayMemory}: since 1.7 it keeps memory in 64 KiB pages
 * ({@code byte[][]}), so every load and store splits its address, loads the page and checks for a
 * page-crossing access; in CPU-bound guests (SHA-256 over 16 MiB) that was over half of the run. Here an
 * access is one bounds check against the memory's size and a little-endian {@link VarHandle} view of
 * the array, which the JIT compiles to a plain load or store. Chicory's memories are final classes, so
 * the cap was added by a wrapper before; this class checks it itself, which also saves a delegating
 * call per access.
 *
 * <p>The array grows by doubling, never beyond the largest size allowed ({@link #maximumPages()}), so
 * the host never holds more than the cap for a guest, while a guest growing a page at a time (as
 * malloc does) costs amortised constant copying. What the guest sees is exact: {@link #pages()} and every
 * bounds check use the size it grew to, not the array's length. Bytes past that size are never written,
 * so they are still zero when a grow exposes them.
 *
 * <p>Not thread-safe: a WASI preview 1 command has one thread, and the host functions run on it.
 */
// lock, waitOn and notify are abstract in Chicory 1.7 yet deprecated for removal: implemented until then.
@SuppressWarnings("removal")
final class FlatMemory implements Memory {

    // Constants, not state: a VarHandle must be static final for the JIT to compile it to one instruction.
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final MemoryLimits declared;
    private final MemoryCap cap;
    private final int maximumPages;
    private byte[] bytes;
    private int pages;
    /** The guest's memory in bytes: pages × 64 KiB, at most the array's length. */
    private int size;
    private DataSegment[] dataSegments;
    /**
     * Whether no instance was initialized over this memory yet, so that nothing can have stored into it:
     * guest code and WASI calls run only on an initialized instance, and the engine never touches a
     * memory before. Chicory zeroes every memory right before initializing it, which a new array is.
     */
    private boolean fresh = true;

    FlatMemory(MemoryLimits declared, MemoryCap cap) {
        this.declared = declared;
        this.cap = cap;
        this.maximumPages = Math.min(declared.maximumPages(), cap.capPages());
        this.pages = declared.initialPages();
        this.size = pages * PAGE_SIZE;
        this.bytes = new byte[size];
    }

    @Override
    public int grow(int delta) {
        long wanted = pages + Integer.toUnsignedLong(delta);
        cap.checkGrow(wanted, declared.maximumPages());
        if (wanted > maximumPages) {
            return -1;
        }
        int previous = pages;
        int newSize = (int) wanted * PAGE_SIZE;
        if (newSize > bytes.length) {
            long doubled = Math.max(newSize, 2L * bytes.length);
            bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, (long) maximumPages * PAGE_SIZE));
        }
        pages = (int) wanted;
        size = newSize;
        return previous;
    }

    /** The array's length: what the host holds for this memory (for tests). */
    int capacity() {
        return bytes.length;
    }

    // ---- bounds

    /** Checks an access of {@code width} bytes at {@code addr}; a negative address is a wrapped one. */
    private int at(int addr, int width) {
        if (addr < 0 || addr > size - width) {
            throw outOfBounds(addr, width);
        }
        return addr;
    }

    private WasmRuntimeException outOfBounds(int addr, int width) {
        // Chicory's own wording, so that a trap reads the same whichever memory the run had.
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + addr
                + " but limit is: " + size + " and size: " + width);
    }

    private static void checkSource(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new WasmRuntimeException("out of bounds memory access: attempted to access address: " + offset
                    + " but limit is: " + data.length + " and size: " + length);
        }
    }

    // ---- loads and stores, little-endian as WebAssembly's

    // @formatter:off
    @Override public byte read(int addr) { return bytes[at(addr, 1)]; }
    @Override public void writeByte(int addr, byte data) { bytes[at(addr, 1)] = data; }
    @Override public short readShort(int addr) { return (short) SHORTS.get(bytes, at(addr, 2)); }
    @Override public long readU16(int addr) { return readShort(addr) & 0xFFFFL; }
    @Override public void writeShort(int addr, short data) { SHORTS.set(bytes, at(addr, 2), data); }
    @Override public int readInt(int addr) { return (int) INTS.get(bytes, at(addr, 4)); }
    @Override public void writeI32(int addr, int data) { INTS.set(bytes, at(addr, 4), data); }
    @Override public long readLong(int addr) { return (long) LONGS.get(bytes, at(addr, 8)); }
    @Override public void writeLong(int addr, long data) { LONGS.set(bytes, at(addr, 8), data); }
    @Override public float readFloat(int addr) { return (float) FLOATS.get(bytes, at(addr, 4)); }
    @Override public long readF32(int addr) { return readInt(addr); }
    @Override public void writeF32(int addr, float data) { FLOATS.set(bytes, at(addr, 4), data); }
    @Override public double readDouble(int addr) { return (double) DOUBLES.get(bytes, at(addr, 8)); }
    @Override public long readF64(int addr) { return readLong(addr); }
    @Override public void writeF64(int addr, double data) { DOUBLES.set(bytes, at(addr, 8), data); }
    // @formatter:on

    // ---- bulk

    @Override
    public byte[] readBytes(int addr, int len) {
        if (len < 0) {
            throw outOfBounds(addr, len);
        }
        return Arrays.copyOfRange(bytes, at(addr, len), addr + len);
    }

    @Override
    public void write(int addr, byte[] data, int offset, int length) {
        checkSource(data, offset, length);
        System.arraycopy(data, offset, bytes, at(addr, length), length);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        if (length < 0) {
            throw outOfBounds(fromIndex, length);
        }
        Arrays.fill(bytes, at(fromIndex, length), toIndex, value);
    }

    @Override
    public void copy(int dest, int src, int length) {
        if (length < 0) {
            throw outOfBounds(src, length);
        }
        // arraycopy copies as if through a temporary array: overlapping ranges come out right.
        System.arraycopy(bytes, at(src, length), bytes, at(dest, length), length);
    }

    @Override
    public void zero() {
        if (!fresh) {
            Arrays.fill(bytes, 0, size, (byte) 0);
        }
    }

    // ---- data segments

    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        initialize(instance, segments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
        fresh = false;
        this.dataSegments = segments;
        if (segments == null) {
            return;
        }
        for (DataSegment segment : segments) {
            if (segment instanceof ActiveDataSegment active && active.index() == memoryIndex) {
                int offset = (int) computeConstantValue(instance, active.offsetInstructions())[0];
                byte[] data = active.data();
                if (offset < 0 || offset > size - data.length) {
                    throw new UninstantiableException("out of bounds memory access: attempted to access address: "
                            + offset + " but limit is: " + size + " and size: " + data.length);
                }
                System.arraycopy(data, 0, bytes, offset, data.length);
            } else if (!(segment instanceof ActiveDataSegment) && !(segment instanceof PassiveDataSegment)) {
                throw new ChicoryException("Data segment should be active or passive: " + segment);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int length) {
        write(dest, dataSegments[segmentId].data(), offset, length);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    // ---- limits

    // @formatter:off
    @Override public int pages() { return pages; }
    @Override public int initialPages() { return declared.initialPages(); }
    @Override public int maximumPages() { return maximumPages; }
    @Override public boolean shared() { return declared.shared(); }
    // @formatter:on

    // ---- atomics: one thread, so the interface's defaults, locking this, are atomic enough

    @Override
    public Object lock(int address) {
        return this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        return await(readInt(address) == expected, timeout);
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        return await(readLong(address) == expected, timeout);
    }

    @Override
    public int notify(int address, int maxThreads) {
        return 0; // nobody else can be waiting
    }

    /**
     * {@code memory.atomic.wait}: 1 when the value differs, else 2 once the timeout (nanoseconds, negative
     * for none) has passed: with one thread, no notify can come. The run's stop interrupts the wait.
     */
    private int await(boolean equal, long timeoutNanos) {
        if (!shared()) {
            throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
        }
        if (!equal) {
            return 1;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (!Thread.currentThread().isInterrupted()) {
            long remaining = timeoutNanos < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return 2;
            }
            LockSupport.parkNanos(this, remaining);
        }
        throw new ChicoryInterruptedException("Thread interrupted");
    }
}
