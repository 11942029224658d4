package org.assessmentruntime.resultscollector.internal.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.resultscollector.internal.SinkOutbox;
import org.assessmentruntime.resultscollector.internal.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing rounds: the results after the sink's position in the store, oldest first, in batches, until
 * none is left or a batch fails. A batch goes to Kafka as one exchange (each result one record, key = the
 * result id, value = its stored JSON) through {@link KafkaSendRoute}; the exchange completes only once the
 * brokers acknowledged every record ({@code acks=all}), and only then is the position moved past the
 * batch, in one durable commit.
 *
 * <p>Guarantees: within a session the idempotent producer retries on its own (broker restarts, leader
 * changes) without duplicating or reordering records, for up to {@code deliveryTimeoutMillis}. Across
 * failures it is at least once: a batch that fails as a whole (timeout) is sent again after a back-off, and
 * records of it that did reach Kafka are then there twice; so is a batch acknowledged just before a crash
 * that came before the position was committed. Consumers dedupe on the key (the result id).
 *
 * <p>Rounds are serialised; the back-off doubles from 1 s up to {@code backoffMaxSeconds}.
 */
final class KafkaSender {

    /** The sink's name in the store ({@link SinkOutbox}) and in the collector's health facts. */
    static final String SINK = "kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSender.class);
    private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);

    private final SinkOutbox outbox;
    private final KafkaSinkSettings settings;
    private final Clock clock;
    private final AtomicLong acked = new AtomicLong();
    private volatile Instant lastAckAt;
    private volatile Instant backoffUntil;
    private volatile String lastError = "";
    /** Set when the sink is being reconfigured or stopped: the running round ends after its batch. */
    private volatile boolean stopped;
    /** Guarded by this. */
    private Duration backoff = Duration.ZERO;
    /** Guarded by this. */
    private ProducerTemplate template;

    KafkaSender(SinkOutbox outbox, KafkaSinkSettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** Publishes what the sink has not acknowledged, unless backing off. Never throws. */
    synchronized void round(CamelContext context) {
        Instant until = backoffUntil;
        if (until != null && clock.instant().isBefore(until)) {
            return;
        }
        try {
            List<SinkRecord> batch = outbox.sinkBatch(SINK, settings.batchSize());
            while (!batch.isEmpty() && !stopped) {
                List<Message> records = records(context, batch);
                Exchange sent = template(context).send(KafkaSendRoute.URI,
                        exchange -> exchange.getMessage().setBody(records));
                if (sent.getException() != null) {
                    pause("Kafka did not acknowledge a batch of " + batch.size() + " results: "
                            + message(sent.getException()));
                    return;
                }
                outbox.sinkAcked(SINK, batch.get(batch.size() - 1).seq());
                acked.addAndGet(batch.size());
                lastAckAt = clock.instant();
                backoffUntil = null;
                backoff = Duration.ZERO;
                lastError = "";
                batch = outbox.sinkBatch(SINK, settings.batchSize());
            }
        } catch (AssessmentException | RuntimeException e) {
            // The store failed (or a bug): the batch is offered again and resent.
            pause("cannot record Kafka acknowledgements in the result store: " + message(e));
        }
    }

    /** One Camel message per result: camel-kafka sends each element of an iterable body as a record. */
    private static List<Message> records(CamelContext context, List<SinkRecord> batch) {
        List<Message> records = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            Message message = new DefaultMessage(context);
            message.setHeader(KafkaConstants.KEY, record.resultId().toString());
            message.setBody(record.json());
            records.add(message);
        }
        return records;
    }

    private ProducerTemplate template(CamelContext context) {
        if (template == null || template.getCamelContext() != context) {
            close();
            template = context.createProducerTemplate();
        }
        return template;
    }

    private void pause(String error) {
        backoff = backoff.isZero() ? BACKOFF_BASE : backoff.multipliedBy(2);
        if (backoff.compareTo(settings.backoffMax()) > 0) {
            backoff = settings.backoffMax();
        }
        backoffUntil = clock.instant().plus(backoff);
        lastError = error;
        LOG.warn("Kafka sink paused for {} ms: {}", backoff.toMillis(), error);
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    long acked() {
        return acked.get();
    }

    Instant lastAckAt() {
        return lastAckAt;
    }

    Instant backoffUntil() {
        return backoffUntil;
    }

    String lastError() {
        return lastError;
    }

    /** Ends rounds: the one running stops after its batch (so that its route can stop promptly). */
    void stop() {
        stopped = true;
    }

    /** Releases the producer template. */
    synchronized void close() {
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException e) {
                LOG.debug("Closing the Kafka sink's producer template failed", e);
            }
            template = null;
        }
    }
}
