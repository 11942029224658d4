package org.assessmentruntime.referencecp;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the server shows instead of (or, for {@link Slow}, before) its normal answer. Injected with
 * {@link Faults#inject}.
 */
public sealed interface Fault {

    /** Answer with this status and an error body {@code {"errors":{"body":"injected fault"}}}. */
    record Status(int code) implements Fault {
        public Status {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("HTTP status out of range: " + code);
            }
        }
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    record TooMany(Duration retryAfter) implements Fault {
        public TooMany {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Wait this long, then answer normally. */
    record Slow(Duration delay) implements Fault {
        public Slow {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Close the connection without any response (recorded with status 0). Note: HTTP clients (the JDK's, Apache's)
     * transparently retry an idempotent request such as GET once on a connection closed without response, so to make
     * a GET fail, inject the fault at least twice.
     */
    record Drop() implements Fault {
    }

    /** 200, {@code application/json}, with the invalid JSON body {@code {"data": {}. */
    record Garbage() implements Fault {
    }

    static Fault status(int code) {
        return new Status(code);
    }

    static Fault tooManyRequests(Duration retryAfter) {
        return new TooMany(retryAfter);
    }

    static Fault slow(Duration delay) {
        return new Slow(delay);
    }

    static Fault drop() {
        return new Drop();
    }

    static Fault garbage() {
        return new Garbage();
    }
}
