package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka results sink in the booted distribution: configured through its .cfg to a real KRaft broker
 * in this JVM, it publishes the result of a job run over SSH, keyed by the result id. This also proves
 * that kafka-clients, embedded in the Camel bundle, finds its serializers by class name inside Karaf.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PID = "org.assessmentruntime.resultscollector.kafka";
    private static final String TOPIC = "assessment-results";
    private static final Duration PUBLISHED = Duration.ofSeconds(60);

    /** Started before Karaf (static initialisation precedes the extension's beforeAll). */
    private static final Broker BROKER = Broker.start();

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> options
            .config(PID, "bootstrapServers", BROKER.bootstrapServers())
            .config(PID, "topic", TOPIC)
            .config(PID, "intervalMillis", "200"));

    @AfterAll
    static void stopBroker() throws Exception {
        BROKER.close();
    }

    @Test
    @Order(1)
    void theSinksRoutesRunAndStatusShowsItEnabled(KarafDistribution karaf) throws IOException {
        CommandResult routes = karaf.awaitCommand("assessment:routes --json", r -> r.succeeded()
                && r.output().contains("assessment-results-kafka-send"), Duration.ofSeconds(60));
        Map<String, String> states = new java.util.HashMap<>();
        JSON.readTree(routes.output()).forEach(route -> states.put(route.path("id").asText(route.path("routeId")
                .asText()), route.path("state").asText()));
        assertThat(states).as("%s", routes.output()).containsEntry("assessment-results-kafka", "Started")
                .containsEntry("assessment-results-kafka-send", "Started");

        JsonNode facts = collectorFacts(karaf);
        assertThat(facts.path("kafka").asText()).isEqualTo("enabled: " + BROKER.bootstrapServers() + " topic " + TOPIC
                + " (PLAINTEXT)");
    }

    @Test
    @Order(2)
    void aJobsResultIsPublishedKeyedByItsId(KarafDistribution karaf) throws IOException {
        CommandResult run = karaf.run("assessment:run --wait host-os", Duration.ofSeconds(120));
        assertThat(run.succeeded()).as("%s", run).isTrue();
        Set<String> stored = new HashSet<>();
        CommandResult results = karaf.run("assessment:results --json --limit 1000");
        JSON.readTree(results.output()).forEach(s -> stored.add(s.path("result").path("resultId").asText()));
        assertThat(stored).isNotEmpty();

        List<ConsumerRecord<String, byte[]>> records = BROKER.consume(stored, PUBLISHED);
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(keys.add(record.key())).as("published once: %s", record.key()).isTrue();
            JsonNode result = JSON.readTree(record.value());
            assertThat(result.path("resultId").asText()).isEqualTo(record.key());
            assertThat(result.path("provenance").path("digest").asText()).startsWith("sha256:");
        }
        assertThat(keys).containsAll(stored);
    }

    @Test
    @Order(3)
    void statusShowsNoBacklogAndNoError(KarafDistribution karaf) throws IOException {
        CommandResult status = karaf.awaitCommand("assessment:status --json",
                r -> r.succeeded() && "0".equals(facts(r.output()).path("kafkaBacklog").asText()), PUBLISHED);
        JsonNode facts = facts(status.output());
        assertThat(facts.path("kafkaBacklog").asText()).as("%s", facts).isEqualTo("0");
        assertThat(facts.path("kafkaLastError").asText()).as("%s", facts).isEmpty();
        assertThat(Integer.parseInt(facts.path("kafkaAcked").asText("0"))).isPositive();
    }

    @Test
    @Order(4)
    void nothingWasLoggedAsAnError(KarafDistribution karaf) {
        assertThat(karaf.karafLog().errors()).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
    }

    private static JsonNode collectorFacts(KarafDistribution karaf) throws IOException {
        CommandResult status = karaf.run("assessment:status --json");
        assertThat(status.succeeded()).as("%s", status).isTrue();
        return facts(status.output());
    }

    /** The results collector's health facts in {@code assessment:status --json}. */
    private static JsonNode facts(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode entries = root.isArray() ? root : root.path("components");
            for (JsonNode entry : entries) {
                JsonNode id = entry.has("component") ? entry.get("component") : entry.path("id");
                if ("results-collector".equals(id.asText())) {
                    return entry.path("health").path("facts");
                }
            }
            throw new AssertionError("no results-collector in:\n" + json);
        } catch (IOException e) {
            throw new AssertionError("not JSON:\n" + json, e);
        }
    }

    /** A single-node KRaft Kafka (one controller, one broker) on 127.0.0.1 in this JVM, with the topic. */
    private static final class Broker implements AutoCloseable {

        private final KafkaClusterTestKit cluster;
        private final int port;

        private Broker(KafkaClusterTestKit cluster, int port) {
            this.cluster = cluster;
            this.port = port;
        }

        static Broker start() {
            try {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1)
                        .setNumBrokerNodes(1)
                        .setPerServerProperties(Map.of(0, Map.of("listeners", "EXTERNAL://127.0.0.1:" + port)))
                        .build();
                KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("auto.create.topics.enable", "false").build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                Broker broker = new Broker(cluster, port);
                broker.createTopic();
                return broker;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the Kafka broker", e);
            }
        }

        String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        /** One partition, and a leader for it before anything is produced. */
        private void createTopic() throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        TopicDescription topic = admin.describeTopics(Set.of(TOPIC)).allTopicNames().get().get(TOPIC);
                        if (topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                            return;
                        }
                    } catch (ExecutionException e) {
                        // Not known yet.
                    }
                    Thread.sleep(50);
                }
                throw new IllegalStateException("topic " + TOPIC + " has no leader after 30 s");
            }
        }

        /** The topic from the start, until every key in {@code keys} came or {@code timeout} passed. */
        List<ConsumerRecord<String, byte[]>> consume(Set<String> keys, Duration timeout) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!seen.containsAll(keys) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        records.add(record);
                        seen.add(record.key());
                    }
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }

        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }
}
