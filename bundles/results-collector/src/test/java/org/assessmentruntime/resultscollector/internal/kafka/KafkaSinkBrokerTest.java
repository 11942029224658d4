package org.assessmentruntime.resultscollector.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.internal.CollectorAccessForTests;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka sink against a real single-node KRaft broker: every stored result reaches the topic once,
 * keyed by its id, while results keep coming and the broker is restarted in the middle of the run.
 */
class KafkaSinkBrokerTest {

    private static final String TOPIC = "assessment-results";
    private static final int RESULTS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path scratch;
    /** The store's directory: in memory when the machine has /dev/shm (see {@link #start}). */
    private Path directory;

    private KraftBroker broker;
    private DefaultCamelContext camel;
    private ResultsCollectorService collector;
    private KafkaSink sink;

    @BeforeEach
    void start() throws Exception {
        broker = new KraftBroker();
        // The sink must find a partition with a leader, or its first batch only waits for metadata.
        broker.createTopic(TOPIC);
        camel = new DefaultCamelContext();
        camel.start();
        // What is measured here is Kafka, not the disk: the collector syncs every stored result, and 10,000
        // syncs on a slow disk would take most of the test's time, so the store goes to memory if it can.
        Path shm = Path.of("/dev/shm");
        directory = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "kafka-sink-test") : scratch;
        collector = CollectorAccessForTests.collector(directory);
    }

    @AfterEach
    void stop() throws Exception {
        if (sink != null) {
            sink.deactivate();
        }
        if (camel != null) {
            camel.stop();
        }
        if (collector != null) {
            CollectorAccessForTests.deactivate(collector);
        }
        if (broker != null) {
            broker.close();
        }
        if (directory != null && !directory.equals(scratch)) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void publishesEveryResultOnceAcrossABrokerRestart() throws Exception {
        sink = new KafkaSink(collector, new TestPublisher(camel), KafkaConfigs.config("bootstrapServers",
                broker.bootstrapServers(), "topic", TOPIC, "batchSize", 500, "intervalMillis", 50,
                "deliveryTimeoutMillis", 60_000), Clock.systemUTC());
        CollectorAccessForTests.bindKafka(collector, sink);
        Set<UUID> stored = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> store(stored));

        await(() -> sink.report().acked() >= RESULTS / 3);
        // Down for 2 s while results keep being stored: the idempotent producer retries on its own.
        broker.restartBroker(Duration.ofSeconds(2));
        producer.join();
        await(() -> sink.report().backlog() == 0 && sink.report().acked() >= RESULTS);

        List<ConsumerRecord<String, byte[]>> records = broker.consume(TOPIC, RESULTS, WAIT);
        Set<String> keys = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, byte[]> record : records) {
            keys.add(record.key());
            JsonNode value = json.readTree(record.value());
            assertThat(value.path("resultId").asText()).isEqualTo(record.key());
        }
        assertThat(records).as("records in the topic (duplicates included)").hasSize(RESULTS);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(stored.stream().map(UUID::toString).toList());
        assertThat(sink.report().lastError()).isEmpty();
        assertThat(collector.health().facts()).containsEntry("kafkaBacklog", "0")
                .containsEntry("kafka", "enabled: " + broker.bootstrapServers() + " topic " + TOPIC + " (PLAINTEXT)");
    }

    private void store(Set<UUID> stored) {
        UUID run = UUID.randomUUID();
        Instant end = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < RESULTS; i++) {
            AssessmentResult result = Fixtures.variant(Fixtures.ALL.get(i % Fixtures.ALL.size()), run, "job-" + (i % 7),
                    end.plusSeconds(i));
            try {
                collector.store(result);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            stored.add(result.resultId());
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
