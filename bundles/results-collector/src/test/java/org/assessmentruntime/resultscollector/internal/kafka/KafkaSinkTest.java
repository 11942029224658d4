package org.assessmentruntime.resultscollector.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import org.apache.camel.impl.DefaultCamelContext;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.internal.CollectorAccessForTests;
import org.assessmentruntime.resultscollector.internal.ResultsCollectorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's component without a broker: routes there only while configured, live reconfiguration, a
 * rejected configuration keeps the last good settings and shows in the collector's health, no secret in
 * status.
 */
class KafkaSinkTest {

    @TempDir
    Path directory;

    private DefaultCamelContext camel;
    private TestPublisher publisher;
    private ResultsCollectorService collector;
    private KafkaSink sink;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
        publisher = new TestPublisher(camel);
        collector = CollectorAccessForTests.collector(directory);
    }

    @AfterEach
    void stop() throws Exception {
        if (sink != null) {
            sink.deactivate();
        }
        camel.stop();
        CollectorAccessForTests.deactivate(collector);
    }

    @Test
    void offByDefaultWithNoRoute() {
        sink = new KafkaSink(collector, publisher, KafkaConfigs.config(), Clock.systemUTC());
        CollectorAccessForTests.bindKafka(collector, sink);

        assertThat(publisher.ids()).isEmpty();
        assertThat(sink.report().enabled()).isFalse();
        assertThat(collector.health().facts()).containsEntry("kafka", "disabled").containsEntry("kafkaLastError", "");
        assertThat(collector.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void routesComeAndGoWithTheConfiguration() {
        sink = new KafkaSink(collector, publisher, KafkaConfigs.config(), Clock.systemUTC());

        // Nothing listens on port 1: the producer starts all the same and only fails to send.
        sink.modified(KafkaConfigs.config("bootstrapServers", "127.0.0.1:1", "topic", "t1", "saslJaasConfig",
                "hidden-secret"));
        assertThat(publisher.ids()).containsExactlyInAnyOrder(KafkaSinkRoute.ROUTE_ID, KafkaSendRoute.ROUTE_ID);
        assertThat(camel.getEndpoints()).isNotEmpty().allSatisfy(endpoint -> assertThat(endpoint.getEndpointUri())
                .doesNotContain("secret"));
        assertThat(sink.report().target()).isEqualTo("127.0.0.1:1 topic t1 (PLAINTEXT)");

        sink.modified(KafkaConfigs.config("bootstrapServers", "127.0.0.1:1", "topic", "t2"));
        assertThat(publisher.ids()).hasSize(2);
        assertThat(sink.report().target()).isEqualTo("127.0.0.1:1 topic t2 (PLAINTEXT)");
        assertThat(camel.getEndpoints()).anySatisfy(endpoint -> assertThat(endpoint.getEndpointUri())
                .startsWith("kafka://t2"));

        sink.modified(KafkaConfigs.config("bootstrapServers", ""));
        assertThat(publisher.ids()).isEmpty();
        assertThat(sink.report().enabled()).isFalse();
    }

    @Test
    void rejectedConfigurationKeepsTheLastGoodSettingsAndSaysWhy() {
        sink = new KafkaSink(collector, publisher, KafkaConfigs.config("bootstrapServers", "127.0.0.1:1", "topic",
                "good", "sslTruststorePassword", "hidden-secret"), Clock.systemUTC());
        CollectorAccessForTests.bindKafka(collector, sink);

        sink.modified(KafkaConfigs.config("bootstrapServers", "127.0.0.1:1", "topic", " "));

        assertThat(publisher.ids()).hasSize(2);
        assertThat(sink.report().target()).contains("topic good");
        assertThat(sink.report().lastError()).contains("topic is required when bootstrapServers is set",
                "keeps its previous settings");
        assertThat(collector.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(collector.health().facts().get("kafkaLastError")).contains("topic is required");
        assertThat(collector.health().toString()).doesNotContain("secret");

        sink.modified(KafkaConfigs.config("bootstrapServers", "nohost"));
        assertThat(sink.report().lastError()).contains("bootstrapServers entry 'nohost' is not host:port");
        assertThat(sink.report().target()).contains("topic good");

        sink.modified(KafkaConfigs.config("bootstrapServers", "127.0.0.1:1", "topic", "good"));
        assertThat(sink.report().lastError()).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsABackOffNotALoss() throws Exception {
        UUID id = collector.store(Fixtures.load(Fixtures.OS_BASELINE_PASS)).result().resultId();
        sink = new KafkaSink(collector, publisher, KafkaConfigs.config("bootstrapServers", "127.0.0.1:1", "topic", "t",
                "deliveryTimeoutMillis", 1000, "intervalMillis", 50), Clock.systemUTC());
        CollectorAccessForTests.bindKafka(collector, sink);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (sink.report().lastError().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sink.report().lastError()).startsWith("Kafka did not acknowledge a batch of 1 results");
        assertThat(sink.report().backoffUntil()).isNotNull();
        assertThat(sink.report().backlog()).isEqualTo(1);
        assertThat(collector.sinkBatch("kafka", 10)).extracting(r -> r.resultId()).containsExactly(id);
        assertThat(collector.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(collector.health().facts()).containsEntry("kafkaBacklog", "1").containsKey("kafkaBackoffUntil");
    }

    @Test
    void aRejectedFirstConfigurationLeavesTheSinkOff() {
        sink = new KafkaSink(collector, publisher, KafkaConfigs.config("bootstrapServers", "a:b"), Clock.systemUTC());
        CollectorAccessForTests.bindKafka(collector, sink);

        assertThat(publisher.ids()).isEmpty();
        assertThat(sink.report().lastError()).contains("bootstrapServers", "stays off");
        assertThat(collector.health().state()).isEqualTo(HealthState.DEGRADED);
    }
}
