package io.taskmon.etl.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The progress producer's settings: taskmon's own, with the operator's {@code TASKMON_KAFKA_*} properties on top. */
class ProducerConfigTest {

    @Test
    void taskmonKafkaVariablesReachTheProducerAsClientProperties() {
        Settings settings = new Settings(Map.of(
                "TASKMON_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "TASKMON_KAFKA_SASL_MECHANISM", "PLAIN",
                "TASKMON_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "PG_URL", "jdbc:postgresql://db/taskmon"), line -> { });

        Properties config = ProgressPublisher.producerConfig("broker:9092", settings.kafkaClientProperties(Set.of()),
                Duration.ofSeconds(5));

        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L)
                .doesNotContainKey("pg.url");
    }

    @Test
    void anOperatorsClientPropertyWinsOverTaskmonsOwnValue() {
        Settings settings = new Settings(Map.of("TASKMON_KAFKA_LINGER_MS", "50", "TASKMON_KAFKA_CLIENT_ID", "etl-night"),
                line -> { });

        Properties config = ProgressPublisher.producerConfig("broker:9092", settings.kafkaClientProperties(Set.of()),
                Duration.ofSeconds(5));

        assertThat(config).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "50")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "etl-night");
    }

    @Test
    void withoutTaskmonKafkaVariablesTheProducerKeepsItsOwnSettingsOnly() {
        Properties config = ProgressPublisher.producerConfig("broker:9092", Map.of(), Duration.ofSeconds(2));

        assertThat(config).containsOnlyKeys(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ProducerConfig.ACKS_CONFIG,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.CLIENT_ID_CONFIG, ProducerConfig.MAX_BLOCK_MS_CONFIG,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG);
        assertThat(config).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "taskmon-etl-worker");
    }
}
