package org.assessmentruntime.resultscollector.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the results collector (PID {@code org.assessmentruntime.resultscollector}). */
@ObjectClassDefinition(name = "Assessment Runtime Results Collector",
        description = "Where results are kept, for how long, and when their volume is alarming.")
public @interface CollectorConfig {

    /**
     * The store's directory. {@value DataDirectory#KARAF_DATA} stands for the Karaf data directory;
     * anything else must be an absolute path. Changing it opens (or creates) the store there; results in
     * the old directory stay there.
     */
    @AttributeDefinition(description = "Directory of the result store: ${karaf.data}/results or an absolute path.")
    String dataDirectory() default DataDirectory.DEFAULT;

    /** Days a delivered result is kept after it was stored; 0 keeps them forever. */
    @AttributeDefinition(min = "0", description = "Days delivered results are kept (0: forever). Pending and "
            + "parked results are never dropped.")
    int retentionDays() default 30;

    /**
     * Cap on the bytes of the results held (as written, before compression): above it the oldest
     * delivered results are dropped, down to 90% of it (see {@link MvResultStore#shrinkTo}). Undelivered
     * results are never dropped; with only them left the store grows and the collector is DEGRADED.
     */
    @AttributeDefinition(min = "1", description = "Cap in MiB on the results held: above it the oldest "
            + "delivered results are dropped; undelivered ones never are (the store then grows and the "
            + "collector is DEGRADED).")
    int maxStoreSizeMb() default 512;

    /** Pending results above which the collector reports itself DEGRADED: delivery is not keeping up. */
    @AttributeDefinition(min = "1", description = "Pending (undelivered) results above which the collector "
            + "is DEGRADED.")
    int backlogAlarmThreshold() default 10_000;

    /** Minutes between retention sweeps; the first runs when the collector starts. */
    @AttributeDefinition(min = "1", description = "Minutes between retention sweeps.")
    int sweepIntervalMinutes() default 60;

    /**
     * Results per delivery request (batch endpoint) and per disk sync of their delivery. 1000, the most:
     * each batch costs a round trip and a commit that rewrites the store pages its results' entries are
     * on, so larger batches deliver more per second (1.3 to 1.7 times batches of 100 on the benchmark
     * machine, benchmarks/RESULTS.md, benchmark 4); a request carries about 2 KB of JSON per result.
     */
    @AttributeDefinition(min = "1", max = "1000", description = "Results delivered per batch (one request to "
            + "the batch endpoint, one disk sync).")
    int deliveryBatchSize() default 1000;

    /**
     * Bytes of evidence per batch request, at most: results are as large as their plugin made them, and a
     * thousand large ones in one request would be one the control plane refuses, held in memory whole. A
     * result larger than this goes alone, in a request of its own.
     */
    @AttributeDefinition(min = "1024", description = "Most bytes of evidence per batch request (default 4 MiB); "
            + "a larger result goes alone.")
    int deliveryBatchMaxBytes() default 4 << 20;

    /**
     * Milliseconds between looks for pending results. Delivery is also woken as soon as a result is
     * stored, so this matters for what an outage or back-off left behind.
     */
    @AttributeDefinition(min = "10", description = "Milliseconds between delivery rounds (a stored result "
            + "also starts one at once).")
    int deliveryIntervalMillis() default 1000;

    /**
     * Requests in flight at once when results go one per request (the control plane's own API has no
     * batch endpoint): one at a time, delivery would spend most of its time waiting for each answer.
     * Batches are always sent one at a time.
     */
    @AttributeDefinition(min = "1", max = "16", description = "Requests in flight at once when results are "
            + "delivered one per request (no batch endpoint), 1..16.")
    int deliveryConcurrency() default 4;

    /** Upper bound of the back-off after failed deliveries, and of a server's Retry-After. */
    @AttributeDefinition(min = "1", description = "Longest wait in seconds after failed deliveries (exponential "
            + "back-off with jitter from 1 s; also caps the control plane's Retry-After).")
    int backoffMaxSeconds() default 300;

    /**
     * {@code auto}: try the batch endpoint {@code POST /api/evidence/batch} (an extension; the reference
     * control plane has it) and fall back to one request per result for good once the server answers
     * 404 or 405; {@code off}: one request per result.
     */
    @AttributeDefinition(description = "Batch endpoint: auto (use POST /api/evidence/batch until the control "
            + "plane answers 404/405) or off (one POST /api/evidence per result).")
    String batchEndpoint() default "auto";
}
