package org.assessmentruntime.resultscollector.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;

/** Checking the sink's configuration: each mistake named by its key; secrets kept out of URI and texts. */
class KafkaSinkSettingsTest {

    @Test
    void noBootstrapServersMeansOff() {
        assertThat(KafkaSinkSettings.of(KafkaConfigs.config())).isNull();
        assertThat(KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "  "))).isNull();
    }

    @Test
    void badBootstrapServersAreNamed() {
        for (String bad : new String[] {"localhost", "localhost:", "host:99999", "host:0", "a:1,,b:2", "http://h:9092",
                "h:9092;x"}) {
            assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapServers");
        }
        assertThat(KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", " k1:9092, 10.0.0.2:9093,[::1]:9094 "))
                .target()).startsWith("k1:9092,10.0.0.2:9093,[::1]:9094 topic assessment-results");
    }

    @Test
    void missingOrBadTopicIsNamed() {
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092", "topic", "")))
                .hasMessage("topic is required when bootstrapServers is set");
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092", "topic",
                "a topic"))).hasMessageStartingWith("topic 'a topic' is not a Kafka topic name");
    }

    @Test
    void securityMistakesAreNamed() {
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092",
                "securityProtocol", "TLS"))).hasMessageContaining("securityProtocol must be one of");
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092",
                "securityProtocol", "SASL_SSL", "saslJaasConfig", "x required;")))
                .hasMessageContaining("saslMechanism must be one of");
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092",
                "securityProtocol", "SASL_SSL", "saslMechanism", "SCRAM-SHA-512")))
                .hasMessage("saslJaasConfig is required with securityProtocol SASL_SSL");
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092",
                "securityProtocol", "SSL", "sslKeystoreLocation", "/k.p12")))
                .hasMessage("sslKeystorePassword is required with sslKeystoreLocation");
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092",
                "sslTruststoreType", "BKS"))).hasMessageContaining("sslTruststoreType must be one of");
        assertThatThrownBy(() -> KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9092",
                "batchSize", 0))).hasMessage("batchSize must be at least 1, got 0");
    }

    @Test
    void endpointIsIdempotentWithAllAcksAndCarriesNoSecret() {
        KafkaSinkSettings settings = KafkaSinkSettings.of(KafkaConfigs.config("bootstrapServers", "k:9093",
                "topic", "results", "securityProtocol", "sasl_ssl", "saslMechanism", "SCRAM-SHA-512",
                "saslJaasConfig", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
                        + "password=\"jaas-secret\";",
                "sslTruststoreLocation", "/etc/a b/trust.p12", "sslTruststorePassword", "trust-secret",
                "sslKeystoreLocation", "/etc/k.p12", "sslKeystorePassword", "store-secret", "sslKeyPassword",
                "key-secret"));

        String uri = settings.endpointUri();
        assertThat(uri).startsWith("kafka:results?brokers=k:9093&").contains("requestRequiredAcks=all",
                "enableIdempotence=true", "securityProtocol=SASL_SSL", "saslMechanism=SCRAM-SHA-512",
                "sslTruststoreLocation=RAW(/etc/a b/trust.p12)", "sslEndpointAlgorithm=https");
        for (String text : new String[] {uri, settings.target(), settings.toString()}) {
            assertThat(text).doesNotContain("secret");
        }

        KafkaConfiguration endpoint = new KafkaConfiguration();
        settings.applySecrets(endpoint);
        assertThat(endpoint.getSaslJaasConfig()).contains("jaas-secret");
        assertThat(endpoint.getSslTruststorePassword()).isEqualTo("trust-secret");
        assertThat(endpoint.getSslKeystorePassword()).isEqualTo("store-secret");
        assertThat(endpoint.getSslKeyPassword()).isEqualTo("key-secret");
    }
}
