package io.taskmon.standalone;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTest {

    @Test
    void usesTheDocumentedDefaults() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of());
        assertThat(settings.home()).isEqualTo(Path.of(".taskmon").toAbsolutePath().normalize());
        assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.httpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.streamThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.partitions()).isEqualTo(4);
        assertThat(settings.ingestKeys()).isNull();
        assertThat(settings.kafkaPort()).isZero();
        assertThat(settings.postgresPort()).isZero();
        assertThat(settings.kafkaBootstrap()).isNull();
        assertThat(settings.postgresUrl()).isNull();
    }

    @Test
    void readsTheEnvironmentAndTreatsBlankAsUnset() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of(
                "TASKMON_HOME", "/srv/taskmon", "TASKMON_HTTP_PORT", " 9090 ", "TASKMON_INGEST_KEYS", "a,b",
                "TASKMON_EMBEDDED_PG_PORT", "5433", "PG_URL", "  ", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "TASKMON_HTTP_THREADS", "6", "TASKMON_STREAM_THREADS", "3", "TASKMON_PARTITIONS", "12"));
        assertThat(settings.home()).isEqualTo(Path.of("/srv/taskmon"));
        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.httpThreads()).isEqualTo(6);
        assertThat(settings.streamThreads()).isEqualTo(3);
        assertThat(settings.partitions()).isEqualTo(12);
        assertThat(settings.ingestKeys()).isEqualTo("a,b");
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.postgresUrl()).isNull();
        assertThat(settings.kafkaBootstrap()).isEqualTo("kafka:9092");
    }

    @Test
    void refusesAPortThatIsNotAPortNamingTheVariableAndValue() {
        for (String bad : new String[] {"abc", "-1", "65536", "80.5", "8080x"}) {
            assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("TASKMON_HTTP_PORT", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("TASKMON_HTTP_PORT must be a port number from 0 to 65535, got '" + bad + "'");
        }
        assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("TASKMON_EMBEDDED_KAFKA_PORT", "kafka")))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("TASKMON_EMBEDDED_KAFKA_PORT must be");
        assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("TASKMON_KAFKA_PORT", "kafka")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("TASKMON_KAFKA_PORT (now TASKMON_EMBEDDED_KAFKA_PORT) must be a port number from 0 to 65535,"
                        + " got 'kafka'");
    }

    @Test
    void refusesAThreadCountOutsideOneTo1024NamingTheVariableAndValue() {
        for (String variable : new String[] {"TASKMON_HTTP_THREADS", "TASKMON_STREAM_THREADS"}) {
            for (String bad : new String[] {"0", "-2", "1025", "two", "1.5"}) {
                assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of(variable, bad)))
                        .isInstanceOf(SettingsException.class)
                        .hasMessage(variable + " must be a whole number from 1 to 1024, got '" + bad + "'");
            }
        }
    }

    @Test
    void refusesAPartitionCountOutsideOneTo1000() {
        for (String bad : new String[] {"0", "1001", "four", " -4"}) {
            assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("TASKMON_PARTITIONS", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("TASKMON_PARTITIONS must be a whole number from 1 to 1000, got '" + bad.trim() + "'");
        }
    }

    @Test
    void keepsTheOldEmbeddedPortNamesWorkingWithOneWarningEach() {
        List<String> warnings = new ArrayList<>();
        StandaloneSettings settings = StandaloneSettings.read(new Settings(
                Map.of("TASKMON_KAFKA_PORT", "19092", "TASKMON_PG_PORT", "15432"), warnings::add));

        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.kafkaClient()).as("an old port name is not a Kafka client property").isEmpty();
        assertThat(warnings).containsExactly(
                "TASKMON_KAFKA_PORT is now called TASKMON_EMBEDDED_KAFKA_PORT; the old name still works for now,"
                        + " please rename it",
                "TASKMON_PG_PORT is now called TASKMON_EMBEDDED_PG_PORT; the old name still works for now,"
                        + " please rename it");
    }

    @Test
    void passesKafkaClientPropertiesThroughAndReadsEveryServicesSettings() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of(
                "TASKMON_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "TASKMON_KAFKA_SASL_MECHANISM", "PLAIN",
                "TASKMON_ALERT_AFTER_FAILURES", "5", "TASKMON_HISTORY_RETENTION", "30d"));

        assertThat(settings.kafkaClient()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
        assertThat(settings.rules().alertAfterFailures()).isEqualTo(5);
        assertThat(settings.projector().retention().maxAge()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void refusesABadValueOfAnyServiceNamingTheVariable() {
        assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("TASKMON_REMINDER_INTERVAL", "soon")))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("TASKMON_REMINDER_INTERVAL must be");
        assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("TASKMON_RETENTION_BATCH_SIZE", "x")))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("TASKMON_RETENTION_BATCH_SIZE must be");
    }
}
