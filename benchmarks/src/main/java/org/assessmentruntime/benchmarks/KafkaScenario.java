package org.assessmentruntime.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.ResultStores;
import org.assessmentruntime.resultscollector.internal.CollectorAccess;
import org.assessmentruntime.resultscollector.internal.CollectorConfig;
import org.assessmentruntime.resultscollector.internal.Json;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.assessmentruntime.resultscollector.internal.kafka.KafkaSink;
import org.assessmentruntime.resultscollector.internal.kafka.KafkaSinkAccess;
import org.h2.mvstore.MVStoreTool;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * The Kafka results sink: results per second from the durable store (the collector's MVStore; one commit
 * and sync of the sink's position per acknowledged batch) to a local single-node KRaft broker (in this
 * JVM, on loopback), through the sink's own routes in a Camel context, stored to acknowledged
 * ({@code acks=all}, idempotent producer). Run with {@code Scenarios kafka [--quick]}.
 *
 * <p>Each round opens a copy of one store holding {@code N} results the sink has not published, starts
 * the sink on a fresh topic and times until its backlog is empty; then reads the topic back and checks
 * that every result is there exactly once.
 */
final class KafkaScenario {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final List<String> FIXTURES = List.of("os-baseline-pass", "sensitive-files-pass",
            "sshd-hardening-fail", "tls-cert-expiry-fail", "sshd-hardening-error");

    private final Path work;
    private final int results;
    private final int rounds;

    KafkaScenario(Path work, boolean quick) {
        this.work = work;
        this.results = quick ? 2_000 : 10_000;
        this.rounds = quick ? 1 : 3;
    }

    List<ScenarioFigure> run() throws Exception {
        Path template = work.resolve("template");
        storeTemplate(template);
        List<ScenarioFigure> figures = new ArrayList<>();
        try (Broker broker = new Broker()) {
            // The first round only warms the JIT up (Jackson, MVStore, Camel, the Kafka client and broker).
            round(template, broker, "warm-up", 500);
            for (int batch : new int[] {500, 2000}) {
                double[] rates = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    rates[i] = round(template, broker, "kafka-b" + batch + "-" + i, batch);
                }
                figures.add(new ScenarioFigure("kafka.batch" + batch, "results/s", rates, results));
            }
        }
        return figures;
    }

    private void storeTemplate(Path directory) throws Exception {
        List<AssessmentResult> fixtures = FIXTURES.stream().map(KafkaScenario::fixture).toList();
        Instant end = Instant.now().minusSeconds(60);
        ResultsCollectorService collector = new ResultsCollectorService(Configs.of(CollectorConfig.class,
                Map.of("dataDirectory", directory.toString())));
        long start = System.nanoTime();
        try {
            for (int i = 0; i < results; i++) {
                collector.store(DeliveryScenario.variant(fixtures.get(i % fixtures.size()), "job-" + (i % 7), end));
            }
        } finally {
            CollectorAccess.deactivate(collector);
        }
        log("stored %d results in %d ms", results, (System.nanoTime() - start) / 1_000_000);
        MVStoreTool.compact(directory.resolve(ResultStores.FILE_NAME).toString(), true);
    }

    /** Publishes the whole backlog of a copy of the template to a new topic; returns results/s. */
    private double round(Path template, Broker broker, String name, int batch) throws Exception {
        Path directory = work.resolve(name);
        Files.createDirectories(directory);
        Files.copy(template.resolve(ResultStores.FILE_NAME), directory.resolve(ResultStores.FILE_NAME));
        String topic = name;
        broker.createTopic(topic);
        ResultsCollectorService collector = new ResultsCollectorService(Configs.of(CollectorConfig.class,
                Map.of("dataDirectory", directory.toString())));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        KafkaSink sink = null;
        try {
            long start = System.nanoTime();
            sink = KafkaSinkAccess.start(collector, camel, Map.of("bootstrapServers", broker.bootstrapServers(),
                    "topic", topic, "batchSize", batch, "intervalMillis", 50));
            KafkaSink running = sink;
            await(() -> running.report().backlog() == 0, "backlog published");
            long took = System.nanoTime() - start;
            broker.checkOnce(topic, results);
            double rate = results / (took / 1e9);
            log("%s: %d results in %d ms: %.0f results/s", name, results, took / 1_000_000, rate);
            return rate;
        } finally {
            if (sink != null) {
                KafkaSinkAccess.stop(sink);
            }
            camel.stop();
            CollectorAccess.deactivate(collector);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + WAIT + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    private static AssessmentResult fixture(String name) {
        try (InputStream in = KafkaScenario.class.getResourceAsStream("results/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return Json.MAPPER.readValue(in, AssessmentResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("[kafka] " + format + "%n", args);
    }

    /** A single-node KRaft Kafka (one controller, one broker) on 127.0.0.1 in this JVM. */
    private static final class Broker implements AutoCloseable {

        private final KafkaClusterTestKit cluster;
        private final String servers;

        Broker() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            servers = "127.0.0.1:" + port;
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                    .setNumControllerNodes(1).setNumBrokerNodes(1)
                    .setPerServerProperties(Map.of(0, Map.of("listeners", "EXTERNAL://" + servers))).build())
                    .setConfigProp("auto.create.topics.enable", "false").build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        }

        String bootstrapServers() {
            return servers;
        }

        /** A topic of one partition, with a leader before anything is produced. */
        void createTopic(String topic) throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (true) {
                    try {
                        if (admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()
                                .stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                            return;
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        // Not known yet.
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + topic + " has no leader");
                    }
                    Thread.sleep(20);
                }
            }
        }

        /** Reads the topic back: {@code count} records, each key once. */
        void checkOnce(String topic, int count) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            Set<String> keys = new HashSet<>();
            int records = 0;
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (records < count && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        records++;
                        keys.add(record.key());
                    }
                }
            }
            if (records != count || keys.size() != count) {
                throw new IllegalStateException(topic + ": " + records + " records, " + keys.size()
                        + " distinct keys; expected " + count + " of each");
            }
        }

        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }
}
