package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    private static GatewaySettings read(Map<String, String> variables) {
        return GatewaySettings.read(new Settings(variables, warning -> { }));
    }

    @Test
    void shouldReadEveryVariableAndPassKafkaClientPropertiesThrough() {
        GatewaySettings settings = read(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "TASKMON_INGEST_KEYS", "k1, k2",
                "TASKMON_INGEST_RATE_LIMIT", "0.5",
                "TASKMON_INGEST_BURST", "1000",
                "TASKMON_DELIVERY_TIMEOUT", "2s",
                "TASKMON_INGEST_LINGER", "0",
                "TASKMON_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "TASKMON_KAFKA_PORT", "9092"));

        assertThat(settings).isEqualTo(new GatewaySettings("kafka:9092", List.of("k1", "k2"), 0.5, 1000,
                Duration.ofSeconds(2), Duration.ZERO, Map.of("security.protocol", "SASL_SSL")));
    }

    @Test
    void shouldUseTheDocumentedDefaults() {
        GatewaySettings settings = read(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        assertThat(settings).isEqualTo(new GatewaySettings("kafka:9092", List.of(), 10_000, 20_000,
                Duration.ofSeconds(5), Duration.ofMillis(2), Map.of()));
    }

    @Test
    void shouldNameTheVariableOfABadValue() {
        assertThatThrownBy(() -> read(Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS must name");
        assertThatThrownBy(() -> read(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "TASKMON_INGEST_BURST", "999")))
                .hasMessage("TASKMON_INGEST_BURST must be at least 1000 (the largest batch), got 999");
        assertThatThrownBy(() -> read(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "TASKMON_INGEST_RATE_LIMIT", "0")))
                .hasMessage("TASKMON_INGEST_RATE_LIMIT must be a number of reports per second more than 0, got '0'");
        assertThatThrownBy(() -> read(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "TASKMON_INGEST_LINGER", "2s")))
                .hasMessage("TASKMON_INGEST_LINGER must be from 0ms to 1s, got '2s'");
    }
}
