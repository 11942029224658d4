package org.assessmentruntime.enginechicory.internal;

import java.util.function.Function;

import org.assessmentruntime.api.model.FailureKind;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * A guest's linear memory with the run's cap. A module that declares more initial memory than the cap
 * is refused before anything is allocated, and a {@code memory.grow} past the cap ends the run with
 * {@link FailureKind#MEMORY_LIMIT} instead of returning -1: the guest tried to break the limit, and
 * ending the run there makes the outcome say so, rather than whatever the guest makes of a failed
 * allocation. A grow past the module's own declared maximum still returns -1, as WebAssembly says.
 *
 * <p>Chicory's memories are final classes, hence delegation; every method Chicory's compiled code and
 * WASI use is forwarded. The atomic operations keep the interface's defaults, which are correct for
 * the single thread a WASI preview 1 command has.
 */
// lock, waitOn and notify are abstract in Chicory 1.7 yet deprecated for removal: forwarded until then.
@SuppressWarnings("removal")
final class CappedMemory implements Memory {

    private final Memory delegate;
    private final int declaredMaximumPages;
    private final int capPages;
    private final long capBytes;

    private CappedMemory(Memory delegate, int declaredMaximumPages, int capPages, long capBytes) {
        this.delegate = delegate;
        this.declaredMaximumPages = declaredMaximumPages;
        this.capPages = capPages;
        this.capBytes = capBytes;
    }

    /** Chicory's memory factory for a run whose memory cap is {@code capBytes}. */
    static Function<MemoryLimits, Memory> factory(long capBytes) {
        int capPages = (int) Math.min(capBytes / PAGE_SIZE, RUNTIME_MAX_PAGES);
        return declared -> {
            if (declared.initialPages() > capPages) {
                throw new LimitExceeded(FailureKind.MEMORY_LIMIT, "the module declares "
                        + bytes(declared.initialPages()) + " bytes of initial memory, over the cap of " + capBytes
                        + " bytes");
            }
            MemoryLimits capped = new MemoryLimits(declared.initialPages(),
                    Math.min(declared.maximumPages(), capPages), declared.shared());
            return new CappedMemory(new ByteArrayMemory(capped), declared.maximumPages(), capPages, capBytes);
        };
    }

    private static long bytes(long pages) {
        return pages * PAGE_SIZE;
    }

    @Override
    public int grow(int size) {
        long wanted = delegate.pages() + Integer.toUnsignedLong(size);
        if (wanted > capPages && wanted <= declaredMaximumPages) {
            throw new LimitExceeded(FailureKind.MEMORY_LIMIT, "the module tried to grow its memory to "
                    + bytes(wanted) + " bytes, over the cap of " + capBytes + " bytes");
        }
        return delegate.grow(size);
    }

    // ---- forwarded unchanged

    // @formatter:off
    @Override public int pages() { return delegate.pages(); }
    @Override public int initialPages() { return delegate.initialPages(); }
    @Override public int maximumPages() { return delegate.maximumPages(); }
    @Override public boolean shared() { return delegate.shared(); }
    @Override public Object lock(int address) { return delegate.lock(address); }
    @Override public int waitOn(int addr, int expected, long timeout) {
        return delegate.waitOn(addr, expected, timeout);
    }
    @Override public int waitOn(int addr, long expected, long timeout) {
        return delegate.waitOn(addr, expected, timeout);
    }
    @Override public int notify(int address, int maxThreads) { return delegate.notify(address, maxThreads); }
    @Override public void initialize(Instance instance, DataSegment[] data) { delegate.initialize(instance, data); }
    @Override public void initialize(Instance instance, DataSegment[] data, int index) {
        delegate.initialize(instance, data, index);
    }
    @Override public void initPassiveSegment(int segment, int dest, int offset, int size) {
        delegate.initPassiveSegment(segment, dest, offset, size);
    }
    @Override public void write(int addr, byte[] data, int offset, int size) {
        delegate.write(addr, data, offset, size);
    }
    @Override public byte read(int addr) { return delegate.read(addr); }
    @Override public byte[] readBytes(int addr, int len) { return delegate.readBytes(addr, len); }
    @Override public void writeI32(int addr, int data) { delegate.writeI32(addr, data); }
    @Override public int readInt(int addr) { return delegate.readInt(addr); }
    @Override public void writeLong(int addr, long data) { delegate.writeLong(addr, data); }
    @Override public long readLong(int addr) { return delegate.readLong(addr); }
    @Override public void writeShort(int addr, short data) { delegate.writeShort(addr, data); }
    @Override public short readShort(int addr) { return delegate.readShort(addr); }
    @Override public long readU16(int addr) { return delegate.readU16(addr); }
    @Override public void writeByte(int addr, byte data) { delegate.writeByte(addr, data); }
    @Override public void writeF32(int addr, float data) { delegate.writeF32(addr, data); }
    @Override public long readF32(int addr) { return delegate.readF32(addr); }
    @Override public float readFloat(int addr) { return delegate.readFloat(addr); }
    @Override public void writeF64(int addr, double data) { delegate.writeF64(addr, data); }
    @Override public double readDouble(int addr) { return delegate.readDouble(addr); }
    @Override public long readF64(int addr) { return delegate.readF64(addr); }
    @Override public void zero() { delegate.zero(); }
    @Override public void fill(byte value, int fromIndex, int toIndex) { delegate.fill(value, fromIndex, toIndex); }
    @Override public void copy(int dest, int src, int size) { delegate.copy(dest, src, size); }
    @Override public void drop(int segment) { delegate.drop(segment); }
    // @formatter:on
}
