package org.assessmentruntime.resultscollector.internal.delivery;

import java.time.Duration;
import java.util.Locale;

import org.assessmentruntime.resultscollector.internal.CollectorConfig;

/**
 * Delivery's part of the collector's configuration, checked.
 *
 * @param batchSize     results per round trip and per disk sync
 * @param interval      time between delivery rounds
 * @param backoffBase   first back-off step (1 s; shorter only in tests)
 * @param backoffMax    longest back-off, also the cap of a server's Retry-After
 * @param batchEndpoint whether to try {@code POST /api/evidence/batch}
 * @param concurrency   requests in flight at once when results go one per request
 * @param maxBatchBytes bytes of evidence per batch request, at most; a larger result goes alone
 */
public record DeliverySettings(int batchSize, Duration interval, Duration backoffBase, Duration backoffMax,
        boolean batchEndpoint, int concurrency, int maxBatchBytes) {

    /** {@code deliveryBatchMaxBytes}' default: 4 MiB. */
    static final int MAX_BATCH_BYTES = 4 << 20;

    /** {@code deliveryConcurrency}'s default. */
    static final int CONCURRENCY = 4;

    /** The back-off's first step. */
    static final Duration BACKOFF_BASE = Duration.ofSeconds(1);

    /** The defaults of {@link CollectorConfig}: what delivery runs on when its configuration is rejected. */
    public static final DeliverySettings DEFAULTS = new DeliverySettings(1000, Duration.ofMillis(1000), BACKOFF_BASE,
            Duration.ofSeconds(300), true, CONCURRENCY, MAX_BATCH_BYTES);

    /** Validates. */
    public DeliverySettings {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("deliveryBatchSize must be between 1 and 1000, got " + batchSize);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("deliveryIntervalMillis must be positive, got " + interval.toMillis());
        }
        if (concurrency < 1 || concurrency > 16) {
            throw new IllegalArgumentException("deliveryConcurrency must be between 1 and 16, got " + concurrency);
        }
        if (maxBatchBytes < 1024) {
            throw new IllegalArgumentException("deliveryBatchMaxBytes must be at least 1024, got " + maxBatchBytes);
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMaxSeconds must be at least " + backoffBase.toSeconds()
                    + ", got " + backoffMax.toSeconds());
        }
    }

    /** With the default concurrency and batch bytes. */
    public DeliverySettings(int batchSize, Duration interval, Duration backoffBase, Duration backoffMax,
            boolean batchEndpoint) {
        this(batchSize, interval, backoffBase, backoffMax, batchEndpoint, CONCURRENCY);
    }

    /** With the default batch bytes. */
    public DeliverySettings(int batchSize, Duration interval, Duration backoffBase, Duration backoffMax,
            boolean batchEndpoint, int concurrency) {
        this(batchSize, interval, backoffBase, backoffMax, batchEndpoint, concurrency, MAX_BATCH_BYTES);
    }

    /**
     * From the configuration.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static DeliverySettings of(CollectorConfig config) {
        if (config.deliveryIntervalMillis() < 10) {
            throw new IllegalArgumentException("deliveryIntervalMillis must be at least 10, got "
                    + config.deliveryIntervalMillis());
        }
        String batch = config.batchEndpoint() == null ? "auto" : config.batchEndpoint().strip().toLowerCase(Locale.ROOT);
        if (!batch.equals("auto") && !batch.equals("off")) {
            throw new IllegalArgumentException("batchEndpoint must be auto or off, got '" + config.batchEndpoint()
                    + "'");
        }
        return new DeliverySettings(config.deliveryBatchSize(), Duration.ofMillis(config.deliveryIntervalMillis()),
                BACKOFF_BASE, Duration.ofSeconds(config.backoffMaxSeconds()), batch.equals("auto"),
                config.deliveryConcurrency(), config.deliveryBatchMaxBytes());
    }
}
