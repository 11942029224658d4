package org.assessmentruntime.resultscollector.internal.kafka;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Kafka results sink (PID {@code org.assessmentruntime.resultscollector.kafka}). Off
 * while {@link #bootstrapServers()} is empty (the default): no route, nothing sent, nothing held.
 *
 * <p>Producer settings that make "published" mean "acknowledged by every in-sync replica, once" are fixed,
 * not configurable: {@code acks=all}, {@code enable.idempotence=true}.
 */
@ObjectClassDefinition(name = "Assessment Runtime Kafka Results Sink",
        description = "Publishes every stored result to a Kafka topic (key: the result id). Off while "
                + "bootstrapServers is empty.")
public @interface KafkaSinkConfig {

    /** {@code host:port[,host:port...]}; empty turns the sink off. */
    @AttributeDefinition(required = false, description = "Kafka bootstrap servers, host:port[,host:port...]; "
            + "empty: the sink is off.")
    String bootstrapServers() default "";

    /** The topic results are published to; it must exist unless the brokers create topics on first use. */
    @AttributeDefinition(required = false, description = "Topic the results are published to.")
    String topic() default "assessment-results";

    /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    @AttributeDefinition(required = false, description = "security.protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or "
            + "SASL_SSL.")
    String securityProtocol() default "PLAINTEXT";

    /** ssl.truststore.location: the CA certificates the brokers' certificates are checked against. */
    @AttributeDefinition(required = false, description = "ssl.truststore.location (absolute path).")
    String sslTruststoreLocation() default "";

    /** ssl.truststore.password. */
    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "ssl.truststore.password.")
    String sslTruststorePassword() default "";

    /** ssl.truststore.type: JKS, PKCS12 or PEM; empty for Kafka's default (JKS). */
    @AttributeDefinition(required = false, description = "ssl.truststore.type (JKS, PKCS12, PEM).")
    String sslTruststoreType() default "";

    /** ssl.keystore.location: this runtime's client certificate and key, for mutual TLS. */
    @AttributeDefinition(required = false, description = "ssl.keystore.location (absolute path), for mutual TLS.")
    String sslKeystoreLocation() default "";

    /** ssl.keystore.password. */
    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "ssl.keystore.password.")
    String sslKeystorePassword() default "";

    /** ssl.key.password. */
    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "ssl.key.password.")
    String sslKeyPassword() default "";

    /** ssl.keystore.type: JKS, PKCS12 or PEM; empty for Kafka's default (JKS). */
    @AttributeDefinition(required = false, description = "ssl.keystore.type (JKS, PKCS12, PEM).")
    String sslKeystoreType() default "";

    /** ssl.endpoint.identification.algorithm: {@code https} (host name checked, the default) or empty. */
    @AttributeDefinition(required = false, description = "ssl.endpoint.identification.algorithm: https (check the "
            + "brokers' host names) or none.")
    String sslEndpointIdentificationAlgorithm() default "https";

    /** sasl.mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (required with a SASL protocol). */
    @AttributeDefinition(required = false, description = "sasl.mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.")
    String saslMechanism() default "";

    /** sasl.jaas.config: the login module line, with its credentials (a secret as a whole). */
    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "sasl.jaas.config, e.g. org.apache.kafka.common.security.scram.ScramLoginModule "
                    + "required username=\"u\" password=\"p\";")
    String saslJaasConfig() default "";

    /** Results per send (and per durable acknowledgement in the store). */
    @AttributeDefinition(min = "1", max = "10000", description = "Results published per batch, 1..10000.")
    int batchSize() default 500;

    /** Milliseconds between looks for results not yet published. */
    @AttributeDefinition(min = "10", description = "Milliseconds between looks for results to publish.")
    int intervalMillis() default 1000;

    /**
     * delivery.timeout.ms: how long the producer keeps retrying a batch (through broker restarts and
     * leader changes) before the sink counts it as failed and backs off.
     */
    @AttributeDefinition(min = "1000", description = "delivery.timeout.ms: how long the producer retries a batch "
            + "before the sink backs off.")
    int deliveryTimeoutMillis() default 120_000;

    /** Longest wait after failed batches (exponential from 1 s). */
    @AttributeDefinition(min = "1", description = "Longest wait in seconds after failed batches.")
    int backoffMaxSeconds() default 60;
}
