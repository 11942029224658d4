package org.assessmentruntime.enginechicory.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/** fd_read on stdin straight into guest memory, with Chicory's results; Chicory's for everything else. */
class StdinReadsTest {

    private static final int IOVS = 0;
    private static final int NREAD = 100;

    private final FlatMemory memory = (FlatMemory) MemoryCap.of(1 << 20).factory().apply(new MemoryLimits(1));
    private final StdinReads stdin = new StdinReads("hello, stdin".getBytes(UTF_8));

    @Test
    void fillsTheIovecsInOrderAndStopsAtAShortRead() {
        iovec(0, 1000, 5);
        iovec(1, 2000, 0); // empty: skipped, as Chicory's read of an empty buffer returns 0
        iovec(2, 3000, 4);
        iovec(3, 4000, 64 * 1024);

        assertThat(stdin.read(memory, IOVS, 4, NREAD)).isEqualTo(Errno.SUCCESS);

        assertThat(memory.readInt(NREAD)).isEqualTo(12);
        assertThat(text(1000, 5) + text(3000, 4) + text(4000, 3)).isEqualTo("hello, stdin");
    }

    @Test
    void readsZeroAtTheEndAndKeepsItsPlaceBetweenCalls() {
        iovec(0, 1000, 7);
        stdin.read(memory, IOVS, 1, NREAD);
        assertThat(text(1000, memory.readInt(NREAD))).isEqualTo("hello, ");

        stdin.read(memory, IOVS, 1, NREAD);
        assertThat(text(1000, memory.readInt(NREAD))).isEqualTo("stdin");

        stdin.read(memory, IOVS, 1, NREAD);
        assertThat(memory.readInt(NREAD)).isZero();
        // What Chicory's WASI reads from the same stream (poll_oneoff, fd_read after a renumber) agrees.
        assertThat(stdin.stream().available()).isZero();
    }

    @Test
    void anIovecOutsideMemoryTrapsAndANegativeLengthFailsAsInChicory() {
        iovec(0, 65536 - 3, 12);
        assertThatThrownBy(() -> stdin.read(memory, IOVS, 1, NREAD)).isInstanceOf(WasmRuntimeException.class);

        iovec(0, 1000, -1);
        assertThatThrownBy(() -> stdin.read(memory, IOVS, 1, NREAD)).isInstanceOf(NegativeArraySizeException.class);
    }

    @Test
    void otherDescriptorsAndStdinOnceClosedOrMovedGoToChicory() {
        AtomicInteger chicoryCalls = new AtomicInteger();
        WasmFunctionHandle chicory = (instance, args) -> {
            chicoryCalls.incrementAndGet();
            return new long[] { Errno.EBADF };
        };

        assertThat(stdin.fdRead(chicory, null, 3, IOVS, 1, NREAD)).containsExactly(Errno.EBADF);
        stdin.renumbered(0, 5);
        assertThat(stdin.fdRead(chicory, null, 0, IOVS, 1, NREAD)).containsExactly(Errno.EBADF);
        stdin.renumbered(4, 5); // something else now sits where stdin was
        assertThat(stdin.fdRead(chicory, null, 5, IOVS, 1, NREAD)).containsExactly(Errno.EBADF);
        assertThat(chicoryCalls).hasValue(3);

        StdinReads closed = new StdinReads(new byte[0]);
        closed.closed(0);
        assertThat(closed.fdRead(chicory, null, 0, IOVS, 1, NREAD)).containsExactly(Errno.EBADF);
        assertThat(chicoryCalls).hasValue(4);
    }

    private void iovec(int index, int base, int length) {
        memory.writeI32(IOVS + index * 8, base);
        memory.writeI32(IOVS + index * 8 + 4, length);
    }

    private String text(int addr, int length) {
        return new String(memory.readBytes(addr, length), UTF_8);
    }
}
