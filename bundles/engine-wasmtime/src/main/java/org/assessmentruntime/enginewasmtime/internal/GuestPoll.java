package org.assessmentruntime.enginewasmtime.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.assessmentruntime.api.model.FailureKind;

/**
 * WASI {@code poll_oneoff} for what the host serves: relative clocks (sleeps), reading stdin and writing
 * stdout or stderr. wasmtime's WASI sleeps in native code, where neither its epoch deadline nor a Java
 * interrupt reaches it, so a plugin sleeping for an hour would hold its run for an hour; here the wait
 * happens in Java and the run's deadline ends it with {@link FailureKind#TIMEOUT}. Stdio is always
 * ready. Any other subscription (a granted file, an absolute clock) sends the whole call to WASI.
 */
final class GuestPoll {

    /** Returned when WASI is to answer the call instead. */
    static final int DELEGATE = -1;

    /** More subscriptions than a program needs go to WASI, so a guest cannot make us allocate much. */
    private static final int MAX_SUBSCRIPTIONS = 1024;
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int CLOCK = 0;
    private static final int FD_READ = 1;
    private static final int FD_WRITE = 2;
    private static final int MONOTONIC = 1;
    private static final int FLAG_ABSOLUTE = 1;
    private static final int FLAG_HANGUP = 1;
    private static final long NOT_CLOCK = -1;

    private final Supplier<ByteBuffer> memory;
    private final GuestIo io;
    private final long deadline;
    private final HostAbort abort;
    private final String timeoutMessage;

    /**
     * @param deadline       {@link System#nanoTime()} at which the run times out
     * @param timeoutMessage the outcome's message when the deadline ends a wait
     */
    GuestPoll(Supplier<ByteBuffer> memory, GuestIo io, long deadline, HostAbort abort, String timeoutMessage) {
        this.memory = memory;
        this.io = io;
        this.deadline = deadline;
        this.abort = abort;
        this.timeoutMessage = timeoutMessage;
    }

    int pollOneoff(long in, long out, long count, long neventsAddress) {
        try {
            GuestMemory mem = GuestMemory.of(memory);
            if (count == 0 || count > MAX_SUBSCRIPTIONS) {
                return DELEGATE;
            }
            mem.check(in, count * SUBSCRIPTION_SIZE);
            mem.check(out, count * EVENT_SIZE);
            long[] timeouts = new long[(int) count];
            boolean stdioReady = false;
            for (int i = 0; i < count; i++) {
                long subscription = in + (long) i * SUBSCRIPTION_SIZE;
                timeouts[i] = timeout(mem, subscription);
                if (timeouts[i] == NOT_CLOCK) {
                    if (!isStdio(mem, subscription)) {
                        return DELEGATE;
                    }
                    stdioReady = true;
                }
            }
            long start = System.nanoTime();
            if (!stdioReady) {
                sleep(start, shortest(timeouts));
            }
            return events(GuestMemory.of(memory), in, out, timeouts, System.nanoTime() - start, neventsAddress);
        } catch (GuestMemory.Fault e) {
            return GuestIo.ERRNO_FAULT;
        }
    }

    /** The nanoseconds of a relative clock subscription; {@link #NOT_CLOCK} for anything else. */
    private static long timeout(GuestMemory mem, long subscription) throws GuestMemory.Fault {
        if (mem.u8(subscription + 8) != CLOCK || mem.u32(subscription + 16) > MONOTONIC
                || (mem.u16(subscription + 40) & FLAG_ABSOLUTE) != 0) {
            return NOT_CLOCK;
        }
        long timeout = mem.u64(subscription + 24);
        return timeout < 0 ? Long.MAX_VALUE : timeout; // unsigned nanoseconds
    }

    private static boolean isStdio(GuestMemory mem, long subscription) throws GuestMemory.Fault {
        int tag = mem.u8(subscription + 8);
        long fd = mem.u32(subscription + 16);
        return tag == FD_READ && fd == 0 || tag == FD_WRITE && (fd == 1 || fd == 2);
    }

    private void sleep(long start, long nanos) {
        long wake = nanos > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + nanos;
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw abort.raise(FailureKind.TIMEOUT, timeoutMessage);
            }
            if (now - wake >= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(wake - now, deadline - now));
            if (Thread.interrupted()) {
                throw abort.raise(FailureKind.INTERNAL, "the run was cancelled while the module slept");
            }
        }
    }

    /** One event per ready subscription: stdio always, clocks whose time has come. */
    private int events(GuestMemory mem, long in, long out, long[] timeouts, long elapsed, long neventsAddress)
            throws GuestMemory.Fault {
        int written = 0;
        long due = Math.max(elapsed, shortest(timeouts));
        for (int i = 0; i < timeouts.length; i++) {
            long subscription = in + (long) i * SUBSCRIPTION_SIZE;
            boolean clock = timeouts[i] != NOT_CLOCK;
            if (clock && timeouts[i] > due) {
                continue;
            }
            long event = out + (long) written++ * EVENT_SIZE;
            int tag = clock ? CLOCK : mem.u8(subscription + 8);
            long available = clock ? 0 : tag == FD_READ ? io.stdinRemaining() : io.room(mem.u32(subscription + 16));
            mem.putU64(event, mem.u64(subscription)); // userdata
            mem.putU16(event + 8, 0); // errno
            mem.putU8(event + 10, tag);
            mem.putU64(event + 16, available);
            mem.putU16(event + 24, tag == FD_READ && available == 0 ? FLAG_HANGUP : 0);
        }
        mem.putU32(neventsAddress, written);
        return GuestIo.ERRNO_SUCCESS;
    }

    /** The shortest clock timeout, 0 when a stdio subscription makes the call return at once. */
    private static long shortest(long[] timeouts) {
        long min = Long.MAX_VALUE;
        for (long timeout : timeouts) {
            min = Math.min(min, timeout == NOT_CLOCK ? 0 : timeout);
        }
        return min;
    }
}
