package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * The deadline of one HTTP exchange: when it passes before the whole reply is read, the exchange is
 * aborted, which closes its socket and so wakes the thread blocked reading it. A socket read timeout
 * alone cannot do that: a reply dripping one byte per read timeout would never end.
 */
final class ExchangeGuard {

    private final ExecChain.Scope scope;
    private final String exchange;
    private final Duration deadline;
    private volatile boolean expired;
    private volatile boolean aborted;
    private volatile ScheduledFuture<?> timer;

    /**
     * @param exchange for messages: {@code POST /api/agent/heartbeat}
     */
    ExchangeGuard(ExecChain.Scope scope, String exchange, Duration deadline) {
        this.scope = scope;
        this.exchange = exchange;
        this.deadline = deadline;
    }

    /** Starts the clock. */
    void arm(ScheduledExecutorService scheduler) {
        timer = scheduler.schedule(this::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The exchange is over (reply read or failed): the clock stops. */
    void disarm() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void expire() {
        expired = true;
        abort();
    }

    /** Closes the connection at once, without reading what is left of the reply. */
    void abort() {
        aborted = true;
        disarm();
        // Cancelling the request also marks the execution aborted, so HttpClient does not retry it.
        if (scope.originalRequest instanceof Cancellable cancellable) {
            cancellable.cancel();
        }
        scope.execRuntime.discardEndpoint();
    }

    boolean aborted() {
        return aborted;
    }

    String exchange() {
        return exchange;
    }

    /** What to throw for a failure: the deadline, if that is what caused it, else the failure itself. */
    IOException explain(IOException failure) {
        if (expired && !(failure instanceof ReplyTooLargeException)) {
            DeadlineExceededException e = new DeadlineExceededException(exchange, deadline);
            e.initCause(failure);
            return e;
        }
        return failure;
    }

    boolean expired() {
        return expired;
    }
}
