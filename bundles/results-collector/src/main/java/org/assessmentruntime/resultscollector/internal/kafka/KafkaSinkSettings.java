package org.assessmentruntime.resultscollector.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * The Kafka sink's configuration, checked: {@link #of} names the key and the problem of anything wrong.
 * Secrets (passwords, the JAAS line) are never in {@link #endpointUri()} (which Camel shows in route
 * lists and logs) nor in {@link #target()} or {@link #toString()}: they reach the endpoint only through
 * {@link #applySecrets}.
 */
final class KafkaSinkSettings {

    static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    static final Set<String> STORE_TYPES = Set.of("JKS", "PKCS12", "PEM");

    /** A host name, an IPv4 address or a bracketed IPv6 address, then a port. */
    private static final Pattern SERVER = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})");
    /** Kafka's legal topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final KafkaSinkConfig config;
    private final String servers;
    private final String protocol;

    private KafkaSinkSettings(KafkaSinkConfig config, String servers, String protocol) {
        this.config = config;
        this.servers = servers;
        this.protocol = protocol;
    }

    /**
     * @return the settings; null when the sink is off (no bootstrap servers)
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    static KafkaSinkSettings of(KafkaSinkConfig config) {
        String servers = servers(config.bootstrapServers());
        if (servers.isEmpty()) {
            return null;
        }
        String topic = config.topic() == null ? "" : config.topic().strip();
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic is required when bootstrapServers is set");
        }
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("topic '" + topic + "' is not a Kafka topic name (1 to 249 of "
                    + "a-z A-Z 0-9 . _ -)");
        }
        String protocol = text(config.securityProtocol()).toUpperCase(Locale.ROOT);
        protocol = protocol.isEmpty() ? "PLAINTEXT" : protocol;
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("securityProtocol must be one of " + new TreeSet<>(PROTOCOLS)
                    + ", got '" + config.securityProtocol() + "'");
        }
        if (protocol.startsWith("SASL_")) {
            String mechanism = text(config.saslMechanism()).toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("saslMechanism must be one of " + new TreeSet<>(MECHANISMS)
                        + " with securityProtocol " + protocol + ", got '" + text(config.saslMechanism()) + "'");
            }
            if (text(config.saslJaasConfig()).isEmpty()) {
                throw new IllegalArgumentException("saslJaasConfig is required with securityProtocol " + protocol);
            }
        }
        storeType(config.sslTruststoreType(), "sslTruststoreType");
        storeType(config.sslKeystoreType(), "sslKeystoreType");
        if (!text(config.sslKeystoreLocation()).isEmpty() && text(config.sslKeystorePassword()).isEmpty()
                && !"PEM".equalsIgnoreCase(text(config.sslKeystoreType()))) {
            throw new IllegalArgumentException("sslKeystorePassword is required with sslKeystoreLocation");
        }
        String algorithm = text(config.sslEndpointIdentificationAlgorithm()).toLowerCase(Locale.ROOT);
        if (!algorithm.isEmpty() && !algorithm.equals("https") && !algorithm.equals("none")) {
            throw new IllegalArgumentException("sslEndpointIdentificationAlgorithm must be https or none, got '"
                    + config.sslEndpointIdentificationAlgorithm() + "'");
        }
        atLeast(config.batchSize(), 1, "batchSize");
        if (config.batchSize() > 10_000) {
            throw new IllegalArgumentException("batchSize must be at most 10000, got " + config.batchSize());
        }
        atLeast(config.intervalMillis(), 10, "intervalMillis");
        atLeast(config.deliveryTimeoutMillis(), 1000, "deliveryTimeoutMillis");
        atLeast(config.backoffMaxSeconds(), 1, "backoffMaxSeconds");
        return new KafkaSinkSettings(config, servers, protocol);
    }

    /** The servers, checked and normalised ({@code host:port,host:port}); empty when none is given. */
    private static String servers(String value) {
        List<String> servers = new ArrayList<>();
        for (String part : text(value).split(",", -1)) {
            String server = part.strip();
            if (server.isEmpty()) {
                if (text(value).isEmpty()) {
                    continue;
                }
                throw new IllegalArgumentException("bootstrapServers '" + value + "' has an empty entry; expected "
                        + "host:port[,host:port...]");
            }
            var matcher = SERVER.matcher(server);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("bootstrapServers entry '" + server + "' is not host:port");
            }
            int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bootstrapServers entry '" + server + "' has port " + port
                        + ", not 1..65535");
            }
            servers.add(server);
        }
        return String.join(",", servers);
    }

    private static void storeType(String value, String key) {
        String type = text(value).toUpperCase(Locale.ROOT);
        if (!type.isEmpty() && !STORE_TYPES.contains(type)) {
            throw new IllegalArgumentException(key + " must be one of " + new TreeSet<>(STORE_TYPES) + ", got '"
                    + value + "'");
        }
    }

    private static void atLeast(int value, int min, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    String topic() {
        return config.topic().strip();
    }

    int batchSize() {
        return config.batchSize();
    }

    Duration interval() {
        return Duration.ofMillis(config.intervalMillis());
    }

    Duration backoffMax() {
        return Duration.ofSeconds(config.backoffMaxSeconds());
    }

    /** Where results go, for operators: servers, topic and protocol, never a credential. */
    String target() {
        return servers + " topic " + topic() + " (" + protocol
                + (protocol.startsWith("SASL_") ? " " + text(config.saslMechanism()).toUpperCase(Locale.ROOT) : "")
                + ")";
    }

    /**
     * The producer endpoint without its secrets. Fixed: {@code acks=all} and the idempotent producer (no
     * duplicates or reordering from the producer's own retries within a session), keys as strings and
     * values as the stored bytes, retries until {@code deliveryTimeoutMillis}. Paths go in RAW() so that
     * Camel takes them literally.
     */
    String endpointUri() {
        int delivery = config.deliveryTimeoutMillis();
        StringBuilder uri = new StringBuilder("kafka:").append(topic())
                .append("?brokers=").append(servers)
                .append("&requestRequiredAcks=all&enableIdempotence=true&maxInFlightRequest=5")
                .append("&retries=").append(Integer.MAX_VALUE)
                .append("&deliveryTimeoutMs=").append(delivery)
                .append("&requestTimeoutMs=").append(Math.min(30_000, delivery))
                // How long a send may wait for the topic's metadata (Kafka down): bounded like a request, so
                // that a round (and a reconfiguration, which waits for it) ends promptly.
                .append("&maxBlockMs=").append(Math.min(30_000, delivery))
                .append("&keySerializer=org.apache.kafka.common.serialization.StringSerializer")
                .append("&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer")
                .append("&recordMetadata=false")
                .append("&securityProtocol=").append(protocol);
        option(uri, "sslTruststoreLocation", config.sslTruststoreLocation(), true);
        option(uri, "sslTruststoreType", text(config.sslTruststoreType()).toUpperCase(Locale.ROOT), false);
        option(uri, "sslKeystoreLocation", config.sslKeystoreLocation(), true);
        option(uri, "sslKeystoreType", text(config.sslKeystoreType()).toUpperCase(Locale.ROOT), false);
        String algorithm = text(config.sslEndpointIdentificationAlgorithm()).toLowerCase(Locale.ROOT);
        option(uri, "sslEndpointAlgorithm", algorithm.isEmpty() ? "none" : algorithm, false);
        if (protocol.startsWith("SASL_")) {
            option(uri, "saslMechanism", text(config.saslMechanism()).toUpperCase(Locale.ROOT), false);
        }
        return uri.toString();
    }

    private static void option(StringBuilder uri, String name, String value, boolean raw) {
        String text = text(value);
        if (!text.isEmpty()) {
            uri.append('&').append(name).append('=').append(raw ? "RAW(" + text + ")" : text);
        }
    }

    /** Sets the secrets on the endpoint's configuration, outside its URI. */
    void applySecrets(KafkaConfiguration endpoint) {
        secret(config.sslTruststorePassword(), endpoint::setSslTruststorePassword);
        secret(config.sslKeystorePassword(), endpoint::setSslKeystorePassword);
        secret(config.sslKeyPassword(), endpoint::setSslKeyPassword);
        if (protocol.startsWith("SASL_")) {
            secret(config.saslJaasConfig(), endpoint::setSaslJaasConfig);
        }
    }

    private static void secret(String value, Consumer<String> setter) {
        if (!text(value).isEmpty()) {
            setter.accept(value.strip());
        }
    }

    /** What the sink runs on, for logs: the target, never a secret. */
    @Override
    public String toString() {
        return target();
    }

    /** Same settings, secrets included: a reconfiguration that changes nothing keeps the routes. */
    boolean sameAs(KafkaSinkSettings other) {
        return other != null && identity().equals(other.identity());
    }

    private List<Object> identity() {
        return List.of(endpointUri(), text(config.sslTruststorePassword()), text(config.sslKeystorePassword()),
                text(config.sslKeyPassword()), text(config.saslJaasConfig()), config.batchSize(),
                config.intervalMillis(), config.backoffMaxSeconds());
    }
}
