package org.assessmentruntime.resultscollector.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.internal.DeliveryReport;
import org.assessmentruntime.resultscollector.internal.Outbox;
import org.assessmentruntime.resultscollector.internal.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery rounds: pending results, oldest first, in batches, until none is left or the control plane
 * fails. Everything it knows across rounds is in the collector's store (which results are pending) or
 * only worth keeping in memory (back-off, whether the batch endpoint exists), so a restart resumes where
 * it stopped: a result is marked delivered only after the control plane accepted it, and a crash in
 * between leads to a resend that the receiver dedupes on the result id ({@code labels._result},
 * {@code Idempotency-Key}).
 *
 * <p>Outcomes: 2xx marks delivered (one commit per batch); a failure retrying may fix (see
 * {@link Reply#retryable()}, or no answer at all) marks the attempt failed and stops all delivery for a
 * back-off; any other 4xx parks that result with the server's error. Results are never parked for the
 * number of attempts alone: a long outage must not turn into results nobody delivers.
 *
 * <p>Rounds are serialised ({@code synchronized}). A batch is one request at a time, and while it is on
 * its way the next one is read from the store, so that the store and the control plane work at once;
 * one request per result has several in flight (see {@link #singles}).
 */
final class Deliverer {

    static final String SINGLE_PATH = "/api/evidence";
    static final String BATCH_PATH = "/api/evidence/batch";

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    private final Outbox collector;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final String target;
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean batchSupported;
    private volatile Instant lastDeliveryAt;
    private volatile Instant backoffUntil;
    private volatile String lastError = "";

    /**
     * @param target where results go, for operators (the control plane's URL)
     */
    Deliverer(Outbox collector, DeliverySettings settings, Clock clock, RandomGenerator random,
            String target) {
        this.collector = collector;
        this.settings = settings;
        this.clock = clock;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), random);
        this.target = target;
        this.batchSupported = settings.batchEndpoint();
    }

    /** Delivers what is pending, unless backing off. Never throws: failures go to the report and the log. */
    synchronized void round(ControlPlaneClient client) {
        Instant until = backoffUntil;
        if (until != null) {
            if (clock.instant().isBefore(until)) {
                return;
            }
            backoffUntil = null;
        }
        try {
            List<Outgoing> batch = collector.outgoing(Outbox.FIRST, settings.batchSize(), settings.maxBatchBytes(),
                    this::render);
            while (!batch.isEmpty()) {
                Lookahead next = new Lookahead(batch);
                if (!deliver(client, batch, next)) {
                    return;
                }
                batch = next.get();
            }
        } catch (AssessmentException | RuntimeException e) {
            // The store failed (or a bug): try again later; what was sent meanwhile is resent and deduped.
            pause("cannot record delivery in the result store: " + e.getMessage(), null);
            LOG.warn("Delivery stopped until {}: {}", backoffUntil, lastError, e);
        }
    }

    /**
     * A result's evidence, with times no later than now: when the result is stored (through
     * {@link ResultsDelivery#render}), or at delivery time for one stored without it (no delivery was
     * there then).
     */
    byte[] render(AssessmentResult result) {
        return EvidenceMapper.render(result, clock.instant());
    }

    DeliveryReport report() {
        String mode = "control plane " + target + (batchSupported ? " (batches)" : " (one request per result)");
        return new DeliveryReport(mode, delivered.get(), lastDeliveryAt, backoffUntil, lastError);
    }

    /**
     * Delivers a batch; false when delivery must back off. Reads the next batch ({@code next}) while the
     * control plane reads this one, if the two can overlap.
     */
    private boolean deliver(ControlPlaneClient client, List<Outgoing> batch, Lookahead next)
            throws AssessmentException {
        List<Outgoing> items = new ArrayList<>();
        for (Outgoing outgoing : batch) {
            if (outgoing.body() != null) {
                items.add(outgoing);
            } else {
                park(outgoing.resultId(), "cannot be turned into evidence: " + outgoing.error());
            }
        }
        if (items.isEmpty()) {
            return true;
        }
        if (batchSupported && items.size() > 1) {
            CompletableFuture<Reply> sent = client.post(BATCH_PATH, Evidence.batch(items.stream()
                    .map(Outgoing::body).toList()), null);
            // The store and the control plane work at the same time: the batch after this one is read now.
            next.get();
            Attempt attempt = attempt(sent, BATCH_PATH);
            if (attempt.reply() != null && attempt.reply().success()) {
                accepted(items.stream().map(Outgoing::resultId).toList());
                return true;
            }
            if (attempt.retryable()) {
                collector.markFailed(items.stream().map(Outgoing::resultId).toList(), attempt.error());
                pause(attempt.error(), attempt.reply());
                return false;
            }
            int status = attempt.reply().status();
            if (status == 404 || status == 405) {
                batchSupported = false;
                LOG.info("The control plane has no batch endpoint (HTTP {}); delivering one result per request",
                        status);
            } else {
                // One bad result must not block the others: each gets its own verdict.
                LOG.warn("The control plane refused a batch of {} ({}); delivering them one by one", items.size(),
                        attempt.error());
            }
        }
        return singles(client, items);
    }

    /**
     * One request per result, up to {@link DeliverySettings#concurrency()} in flight at once: the control
     * plane's own API has no batch endpoint, so this is how most results travel, and one at a time
     * delivery would mostly wait for answers. Each group's answers are all awaited; if one asks for a
     * retry, the group's failures are recorded, delivery pauses and the results not sent yet wait for
     * the next round. Those accepted are marked delivered in one commit.
     */
    private boolean singles(ControlPlaneClient client, List<Outgoing> items) throws AssessmentException {
        List<UUID> done = new ArrayList<>();
        for (int from = 0; from < items.size(); from += settings.concurrency()) {
            List<Outgoing> group = items.subList(from, Math.min(items.size(), from + settings.concurrency()));
            List<CompletableFuture<Reply>> sent = group.stream().map(item -> client.post(SINGLE_PATH, item.body(),
                    item.resultId().toString())).toList();
            List<UUID> failed = new ArrayList<>();
            Attempt retry = null;
            for (int i = 0; i < group.size(); i++) {
                UUID id = group.get(i).resultId();
                Attempt attempt = attempt(sent.get(i), SINGLE_PATH);
                if (attempt.reply() != null && attempt.reply().success()) {
                    done.add(id);
                } else if (attempt.retryable()) {
                    failed.add(id);
                    retry = retry == null ? attempt : retry;
                } else {
                    park(id, attempt.error());
                }
            }
            if (retry != null) {
                collector.markFailed(failed, retry.error());
                pause(retry.error(), retry.reply());
                accepted(done);
                return false;
            }
        }
        accepted(done);
        return true;
    }

    /** Waits for the answer to a post. */
    private static Attempt attempt(CompletableFuture<Reply> sent, String path) {
        try {
            Reply reply = sent.join();
            return new Attempt(reply, reply.success() ? "" : "HTTP " + reply.status() + " from POST " + path + ": "
                    + reply.error());
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Attempt(null, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    private void accepted(List<UUID> ids) throws AssessmentException {
        if (ids.isEmpty()) {
            return;
        }
        collector.markDelivered(ids);
        delivered.addAndGet(ids.size());
        lastDeliveryAt = clock.instant();
        backoff.reset();
    }

    private void park(UUID resultId, String error) throws AssessmentException {
        LOG.warn("Parked result {}: {}", resultId, error);
        lastError = "parked " + resultId + ": " + error;
        collector.markParked(resultId, error);
    }

    private void pause(String error, Reply reply) {
        Instant now = clock.instant();
        Duration wait = backoff.next(reply == null ? null : Backoff.retryAfter(reply.retryAfter(), now));
        backoffUntil = now.plus(wait);
        lastError = error;
        LOG.warn("Delivery paused for {} ms: {}", wait.toMillis(), error);
    }

    /**
     * The batch after one: read from the store when first asked for (once), so that a round can read it
     * while the one before is on its way. Empty when that one was empty. (A batch short of
     * {@code batchSize} may have been cut by its bytes, so it does not tell that nothing more is pending.)
     */
    private final class Lookahead {

        private final List<Outgoing> previous;
        private List<Outgoing> batch;

        Lookahead(List<Outgoing> previous) {
            this.previous = previous;
        }

        List<Outgoing> get() {
            if (batch == null) {
                batch = previous.isEmpty() ? List.of()
                        : collector.outgoing(previous.get(previous.size() - 1).seq(), settings.batchSize(),
                                settings.maxBatchBytes(), Deliverer.this::render);
            }
            return batch;
        }
    }

    /** A request's answer (null when none came) and, unless it succeeded, why not. */
    private record Attempt(Reply reply, String error) {

        boolean retryable() {
            return reply == null || reply.retryable();
        }
    }
}
