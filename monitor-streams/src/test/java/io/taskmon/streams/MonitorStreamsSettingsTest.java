package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class MonitorStreamsSettingsTest {

    @Test
    void shouldApplyKafkaClientPropertiesOnTopOfItsOwnConfiguration() {
        MonitorStreamsApp.Settings settings = new MonitorStreamsApp.Settings("localhost:9092", "app",
                Path.of("target", "state"), null).withKafkaClient(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));

        Properties properties = settings.toProperties();

        assertThat(properties.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(properties.get("sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(settings.withStreamThreads(2).kafkaClient()).isEqualTo(settings.kafkaClient());
    }
}
