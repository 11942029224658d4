package org.assessmentruntime.resultscollector.internal.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

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

import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * A real single-node Kafka (KRaft: one controller, one broker, in this JVM) on 127.0.0.1 at a fixed port,
 * so that the broker can be restarted and clients find it again at the same address.
 */
final class KraftBroker implements AutoCloseable {

    private static final int BROKER = 0;

    private final KafkaClusterTestKit cluster;
    private final int port;

    KraftBroker() throws Exception {
        port = freePort();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .setPerServerProperties(Map.of(BROKER, Map.of("listeners", "EXTERNAL://127.0.0.1:" + port)))
                .build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates a topic of one partition and waits until that partition has a leader. */
    void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            awaitLeader(admin, topic);
        }
    }

    private static void awaitLeader(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // Not known yet.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("topic " + topic + " has no leader after 30 s");
    }

    /** Stops the broker (the controller stays), waits {@code down}, starts it again at the same address. */
    void restartBroker(Duration down) throws Exception {
        BrokerServer broker = cluster.brokers().get(BROKER);
        broker.shutdown();
        broker.awaitShutdown();
        Thread.sleep(down.toMillis());
        broker.startup();
        cluster.waitForReadyBrokers();
    }

    /** Reads the topic from the start until {@code count} records came or {@code timeout} passed. */
    List<ConsumerRecord<String, byte[]>> consume(String topic, int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A little longer, so that duplicates beyond the count would show.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
