package org.assessmentruntime.enginechicory.internal;

import static com.dylibso.chicory.runtime.Memory.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assessmentruntime.api.model.FailureKind;
import org.junit.jupiter.api.Test;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/** The flat linear memory: WebAssembly's semantics, and the run's cap kept exactly. */
class FlatMemoryTest {

    private static final long MIB = 1L << 20;

    private static FlatMemory memory(int initial, int maximum, long capBytes) {
        return (FlatMemory) MemoryCap.of(capBytes).factory().apply(new MemoryLimits(initial, maximum));
    }

    private static FlatMemory memory(int initial) {
        return memory(initial, MemoryLimits.MAX_PAGES, 64 * MIB);
    }

    @Test
    void storesAndLoadsEveryWidthLittleEndian() {
        FlatMemory memory = memory(1);

        memory.writeI32(0, 0x04030201);
        assertThat(new byte[] { memory.read(0), memory.read(1), memory.read(2), memory.read(3) })
                .containsExactly(1, 2, 3, 4);
        assertThat(memory.readShort(1)).isEqualTo((short) 0x0302);
        assertThat(memory.readU16(2)).isEqualTo(0x0403L);

        memory.writeLong(8, 0x0807060504030201L);
        assertThat(memory.readBytes(8, 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(memory.readInt(12)).isEqualTo(0x08070605);
        assertThat(memory.readLong(8)).isEqualTo(0x0807060504030201L);

        memory.writeShort(20, (short) 0xBEEF);
        assertThat(memory.read(20)).isEqualTo((byte) 0xEF);
        assertThat(memory.readShort(20)).isEqualTo((short) 0xBEEF);
        memory.writeByte(21, (byte) 0x7F);
        assertThat(memory.readU16(20)).isEqualTo(0x7FEFL);

        memory.writeF32(24, 1.5f);
        assertThat(memory.readInt(24)).isEqualTo(Float.floatToRawIntBits(1.5f));
        assertThat(memory.readFloat(24)).isEqualTo(1.5f);
        assertThat(memory.readF32(24)).isEqualTo(Float.floatToRawIntBits(1.5f));
        memory.writeF64(32, -2.25);
        assertThat(memory.readLong(32)).isEqualTo(Double.doubleToRawLongBits(-2.25));
        assertThat(memory.readDouble(32)).isEqualTo(-2.25);
        assertThat(memory.readF64(32)).isEqualTo(Double.doubleToRawLongBits(-2.25));

        // Unaligned, and at the very end.
        memory.writeLong(PAGE_SIZE - 8, -1L);
        assertThat(memory.readLong(PAGE_SIZE - 8)).isEqualTo(-1L);
        memory.writeI32(3, 0x11223344);
        assertThat(memory.readInt(3)).isEqualTo(0x11223344);
    }

    @Test
    void trapsOnEveryAccessPastTheEndOrAtAWrappedAddress() {
        FlatMemory memory = memory(1);

        assertOutOfBounds(() -> memory.read(PAGE_SIZE));
        assertOutOfBounds(() -> memory.writeByte(PAGE_SIZE, (byte) 1));
        assertOutOfBounds(() -> memory.readShort(PAGE_SIZE - 1));
        assertOutOfBounds(() -> memory.readInt(PAGE_SIZE - 3));
        assertOutOfBounds(() -> memory.writeI32(PAGE_SIZE - 1, 1));
        assertOutOfBounds(() -> memory.readLong(PAGE_SIZE - 7));
        assertOutOfBounds(() -> memory.writeLong(PAGE_SIZE - 4, 1));
        assertOutOfBounds(() -> memory.readFloat(PAGE_SIZE - 2));
        assertOutOfBounds(() -> memory.writeF64(PAGE_SIZE - 1, 1));
        assertOutOfBounds(() -> memory.readInt(-1));
        assertOutOfBounds(() -> memory.readInt(Integer.MIN_VALUE));
        assertOutOfBounds(() -> memory.readBytes(PAGE_SIZE - 1, 2));
        assertOutOfBounds(() -> memory.write(PAGE_SIZE, new byte[1], 0, 1));
        assertOutOfBounds(() -> memory.write(0, new byte[1], 0, 2));
        assertOutOfBounds(() -> memory.fill((byte) 1, PAGE_SIZE - 1, PAGE_SIZE + 1));
        assertOutOfBounds(() -> memory.copy(0, PAGE_SIZE - 1, 2));
        assertOutOfBounds(() -> memory.copy(PAGE_SIZE - 1, 0, 2));
        // A memory without pages has no byte at all.
        assertOutOfBounds(() -> memory(0).read(0));
        assertOutOfBounds(() -> memory(0).readLong(0));

        // Nothing was written by an access that trapped; empty accesses at the end are allowed.
        assertThat(memory.readBytes(PAGE_SIZE - 8, 8)).containsOnly(0);
        memory.fill((byte) 1, PAGE_SIZE, PAGE_SIZE);
        memory.copy(PAGE_SIZE, 0, 0);
        assertThat(memory.readBytes(PAGE_SIZE, 0)).isEmpty();
    }

    @Test
    void growsUpToTheCapExactlyAndEndsTheRunOnePageBeyond() {
        FlatMemory memory = memory(1, MemoryLimits.MAX_PAGES, 4 * MIB); // 64 pages

        assertThat(memory.maximumPages()).isEqualTo(64);
        assertThat(memory.grow(62)).isEqualTo(1);
        assertThat(memory.grow(1)).isEqualTo(63);
        assertThat(memory.pages()).isEqualTo(64);
        assertThat(memory.capacity()).isEqualTo(4 * MIB);
        memory.writeByte((int) (4 * MIB) - 1, (byte) 9);

        assertThatThrownBy(() -> memory.grow(1)).isInstanceOfSatisfying(LimitExceeded.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.MEMORY_LIMIT))
                .hasMessageContaining("over the cap of " + 4 * MIB + " bytes");
        assertThat(memory.pages()).isEqualTo(64);
        assertThat(memory.grow(0)).isEqualTo(64);
        assertOutOfBounds(() -> memory.read((int) (4 * MIB)));
    }

    @Test
    void aCapThatIsNotWholePagesRoundsDown() {
        FlatMemory memory = memory(1, MemoryLimits.MAX_PAGES, PAGE_SIZE * 3L + 100);

        assertThat(memory.grow(2)).isEqualTo(1);
        assertThatThrownBy(() -> memory.grow(1)).isInstanceOf(LimitExceeded.class);
    }

    @Test
    void growingPastTheModulesOwnMaximumFailsAsWebAssemblySays() {
        FlatMemory memory = memory(1, 3, 64 * MIB);

        assertThat(memory.maximumPages()).isEqualTo(3);
        assertThat(memory.grow(3)).isEqualTo(-1);
        assertThat(memory.grow(-1)).isEqualTo(-1); // 2^32 - 1 pages, read unsigned
        assertThat(memory.grow(2)).isEqualTo(1);
        assertThat(memory.grow(1)).isEqualTo(-1);
        assertThat(memory.pages()).isEqualTo(3);
    }

    @Test
    void refusesAnInitialMemoryOverTheCapBeforeAllocatingIt() {
        assertThatThrownBy(() -> memory(65, MemoryLimits.MAX_PAGES, 4 * MIB))
                .isInstanceOfSatisfying(LimitExceeded.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.MEMORY_LIMIT))
                .hasMessageContaining("initial memory");
        assertThat(memory(64, MemoryLimits.MAX_PAGES, 4 * MIB).pages()).isEqualTo(64);
    }

    @Test
    void keepsItsContentAcrossGrowsAndExposesZeroedPages() {
        FlatMemory memory = memory(1);
        for (int i = 0; i < PAGE_SIZE; i += 4) {
            memory.writeI32(i, i * 31);
        }

        for (int grown = 1; grown < 40; grown++) {
            assertThat(memory.grow(1)).isEqualTo(grown);
            int newPage = grown * PAGE_SIZE;
            assertThat(memory.readBytes(newPage, PAGE_SIZE)).containsOnly(0);
            memory.writeLong(newPage, grown);
        }

        for (int i = 0; i < PAGE_SIZE; i += 4) {
            assertThat(memory.readInt(i)).isEqualTo(i * 31);
        }
        for (int grown = 1; grown < 40; grown++) {
            assertThat(memory.readLong(grown * PAGE_SIZE)).isEqualTo(grown);
        }
    }

    @Test
    void growsTheArrayByDoublingButNeverBeyondTheCap() {
        FlatMemory memory = memory(1, MemoryLimits.MAX_PAGES, 5 * PAGE_SIZE);

        memory.grow(1);
        assertThat(memory.capacity()).isEqualTo(2 * PAGE_SIZE);
        memory.grow(1);
        assertThat(memory.capacity()).isEqualTo(4 * PAGE_SIZE);
        memory.grow(1);
        assertThat(memory.capacity()).isEqualTo(4 * PAGE_SIZE);
        // Grown in the array, yet still out of the guest's bounds until grown in pages.
        assertOutOfBounds(() -> memory.read(3 * PAGE_SIZE + 1 + PAGE_SIZE));
        memory.grow(1);
        assertThat(memory.capacity()).isEqualTo(5 * PAGE_SIZE);
        assertThat(memory.pages()).isEqualTo(5);

        FlatMemory big = memory(1, MemoryLimits.MAX_PAGES, 64 * MIB);
        big.grow(99);
        assertThat(big.capacity()).isEqualTo(100 * PAGE_SIZE);
    }

    @Test
    void copiesAndFillsInBulk() {
        FlatMemory memory = memory(2);
        memory.initialize(null, null); // as Chicory does when it instantiates; zero() below then zeroes
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        memory.write(10, data, 0, data.length);
        memory.write(PAGE_SIZE - 50, data, 0, data.length); // across the old page boundary

        assertThat(memory.readBytes(PAGE_SIZE - 50, 100)).isEqualTo(data);

        // Overlapping both ways, as memmove.
        memory.copy(20, 10, 100);
        assertThat(memory.readBytes(20, 100)).isEqualTo(data);
        memory.copy(15, 20, 100);
        assertThat(memory.readBytes(15, 100)).isEqualTo(data);

        memory.fill((byte) 0x5A, 1000, 1010);
        assertThat(memory.readBytes(999, 12)).containsExactly(0, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A,
                0x5A, 0x5A, 0);
        memory.write(2000, data, 90, 10);
        assertThat(memory.readBytes(2000, 10)).containsExactly(90, 91, 92, 93, 94, 95, 96, 97, 98, 99);

        memory.zero();
        assertThat(memory.readBytes(0, 2 * PAGE_SIZE)).containsOnly(0);
    }

    @Test
    void aNewMemoryIsZeroWithoutBeingZeroedAgain() {
        FlatMemory memory = memory(3);

        memory.zero(); // Chicory's call right before initialize: the new array is zero already
        memory.initialize(null, null);
        assertThat(memory.readBytes(0, 3 * PAGE_SIZE)).containsOnly(0);
        memory.writeLong(PAGE_SIZE, -1L);
        memory.zero();
        assertThat(memory.readLong(PAGE_SIZE)).isZero();
    }

    @Test
    void waitingOnAnUnsharedMemoryTraps() {
        FlatMemory memory = memory(1);

        assertThatThrownBy(() -> memory.waitOn(0, 0, 0L)).isInstanceOf(com.dylibso.chicory.wasm.ChicoryException.class);
        assertThat(memory.notify(0, 1)).isZero();
    }

    @Test
    void aSharedMemoryWaitsItsTimeoutOrReturnsAtOnceWhenTheValueDiffers() {
        Memory memory = MemoryCap.of(64 * MIB).factory().apply(new MemoryLimits(1, 2, true));
        memory.writeI32(0, 7);

        assertThat(memory.atomicWait(0, 8, 1_000_000_000L)).isEqualTo(1);
        assertThat(memory.atomicWait(0, 7, 1_000_000L)).isEqualTo(2);
        assertThat(memory.atomicAddInt(0, 1)).isEqualTo(7);
        assertThat(memory.readInt(0)).isEqualTo(8);
    }

    private static void assertOutOfBounds(Runnable access) {
        assertThatThrownBy(access::run).isInstanceOf(WasmRuntimeException.class)
                .hasMessageStartingWith("out of bounds memory access");
    }
}
