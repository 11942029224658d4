package org.assessmentruntime.api.model;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Hard limits of one plugin run. The executor enforces every one of them; exceeding one ends the run
 * with the matching {@link FailureKind}, except stderr, which is only truncated (it is diagnostics, and
 * a chatty plugin should not lose its result over it).
 *
 * <p>A limit given as {@code null} or {@code 0} takes its {@linkplain #DEFAULTS default}, so that a
 * manifest may set only the limits it cares about.
 *
 * @param timeout        wall-clock time from instantiation to exit
 * @param maxMemoryBytes largest linear memory the module may grow to (engines round down to whole
 *                       64 KiB WebAssembly pages)
 * @param maxStdoutBytes largest output; the result document travels on stdout, so exceeding this is
 *                       {@link FailureKind#OUTPUT_LIMIT}
 * @param maxStderrBytes stderr kept for the logs; the rest is dropped and flagged as truncated
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceLimits(Duration timeout, long maxMemoryBytes, long maxStdoutBytes, long maxStderrBytes) {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final long DEFAULT_MEMORY = 256L << 20;
    private static final long DEFAULT_STDOUT = 4L << 20;
    private static final long DEFAULT_STDERR = 1L << 20;

    /** 60 s, 256 MiB memory, 4 MiB stdout, 1 MiB stderr: generous for a check, small for a host. */
    public static final ResourceLimits DEFAULTS = new ResourceLimits(DEFAULT_TIMEOUT, DEFAULT_MEMORY,
            DEFAULT_STDOUT, DEFAULT_STDERR);

    /** Fills in defaults and rejects negative or zero-length limits. */
    public ResourceLimits {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ResourceLimits.timeout must be positive, got " + timeout);
        }
        maxMemoryBytes = orDefault(maxMemoryBytes, DEFAULT_MEMORY, "ResourceLimits.maxMemoryBytes");
        maxStdoutBytes = orDefault(maxStdoutBytes, DEFAULT_STDOUT, "ResourceLimits.maxStdoutBytes");
        maxStderrBytes = orDefault(maxStderrBytes, DEFAULT_STDERR, "ResourceLimits.maxStderrBytes");
    }

    /**
     * The stricter of two sets of limits, limit by limit: what a run gets when the plugin's manifest
     * asks for some limits and the operator caps them.
     *
     * @param other the other limits
     * @return for each limit, the smaller of the two
     */
    public ResourceLimits stricterOf(ResourceLimits other) {
        Check.required(other, "other");
        return new ResourceLimits(timeout.compareTo(other.timeout) <= 0 ? timeout : other.timeout,
                Math.min(maxMemoryBytes, other.maxMemoryBytes),
                Math.min(maxStdoutBytes, other.maxStdoutBytes),
                Math.min(maxStderrBytes, other.maxStderrBytes));
    }

    private static long orDefault(long value, long defaultValue, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return value == 0 ? defaultValue : value;
    }
}
