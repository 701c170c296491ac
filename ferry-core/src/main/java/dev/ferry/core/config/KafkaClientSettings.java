package dev.ferry.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Kafka client settings of a {@code type: kafka} connection, shared by consumers and producers. */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** Bootstrap servers, SASL/PLAIN when the connection has a user, then the connection's own options. */
    public static Map<String, String> of(ConnectionConfig kafka) {
        if (kafka.type() != ConnectionType.KAFKA) {
            throw new IllegalArgumentException("connection " + kafka.name() + " is not kafka");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", kafka.url());
        if (!kafka.user().isEmpty()) {
            settings.put("security.protocol", "SASL_PLAINTEXT");
            settings.put("sasl.mechanism", "PLAIN");
            // SASL_PLAINTEXT unless options say otherwise (security.protocol: SASL_SSL for TLS)
            settings.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"" + jaasQuoted(kafka.user()) + "\" password=\""
                    + jaasQuoted(kafka.password().reveal()) + "\";");
        }
        settings.putAll(kafka.options()); // the user's own client settings win
        return settings;
    }

    /**
     * A producer that must not lose or reorder what it sends: every replica acknowledges, retries are
     * idempotent; keys and values are bytes.
     */
    public static Map<String, String> reliableProducer(ConnectionConfig kafka) {
        Map<String, String> settings = new LinkedHashMap<>(of(kafka));
        settings.put("acks", "all");
        settings.put("enable.idempotence", "true");
        settings.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        settings.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return settings;
    }

    /** JAAS values are double-quoted strings: quotes and backslashes inside are escaped. */
    static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
