package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    private static ConnectionConfig kafka(String user, String password, Map<String, String> options) {
        return new ConnectionConfig("bus", ConnectionType.KAFKA, "k1:9092", 0, "", user, Secret.literal(password),
                "k1:9092", options);
    }

    @Test
    void saslPasswordsAreQuotedForJaasAndOptionsWin() {
        Map<String, String> settings = KafkaClientSettings.of(kafka("app", "p\"w\\d", Map.of("security.protocol",
                "SASL_SSL")));
        assertThat(settings).containsEntry("bootstrap.servers", "k1:9092").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"app\" password=\"p\\\"w\\\\d\";");
    }

    @Test
    void withoutAUserThereIsNoSasl() {
        assertThat(KafkaClientSettings.of(kafka("", "", Map.of()))).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void secretLookingOptionsAreNotShown() {
        String text = kafka("", "", Map.of("ssl.truststore.password", "hunter2", "acks", "all")).toString();
        assertThat(text).doesNotContain("hunter2").contains("ssl.truststore.password=****").contains("acks=all");
    }
}
