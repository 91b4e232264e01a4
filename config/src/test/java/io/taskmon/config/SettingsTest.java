package io.taskmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final List<String> warnings = new ArrayList<>();

    private Settings settings(Map<String, String> env) {
        return new Settings(env, warnings::add);
    }

    @Test
    void shouldReadEachTypeAndRememberWhereItCameFrom() {
        Settings settings = settings(Map.of("TASKMON_HTTP_PORT", " 9090 ", "TASKMON_REMINDER_INTERVAL", "2h",
                "TASKMON_INGEST_KEYS", "a, b,,c", "TASKMON_REMOTE", "yes"));

        assertThat(settings.port("TASKMON_HTTP_PORT", 8080)).isEqualTo(9090);
        assertThat(settings.duration("TASKMON_REMINDER_INTERVAL", Duration.ofHours(1))).isEqualTo(Duration.ofHours(2));
        assertThat(settings.list("TASKMON_INGEST_KEYS", true)).containsExactly("a", "b", "c");
        assertThat(settings.flag("TASKMON_REMOTE", false)).isTrue();
        assertThat(settings.integer("TASKMON_PARTITIONS", 4, 1, 1000)).isEqualTo(4);
        assertThat(settings.optionalText("PG_URL")).isEmpty();

        assertThat(settings.report()).containsExactly(
                new SettingValue("TASKMON_HTTP_PORT", "9090", false, "environment"),
                new SettingValue("TASKMON_REMINDER_INTERVAL", "2h", false, "environment"),
                new SettingValue("TASKMON_INGEST_KEYS", "a, b,,c", true, "environment"),
                new SettingValue("TASKMON_REMOTE", "yes", false, "environment"),
                new SettingValue("TASKMON_PARTITIONS", "4", false, "default"),
                new SettingValue("PG_URL", null, false, "default"));
        assertThat(settings.report().get(2).shown()).isEqualTo("****");
        assertThat(settings.report().get(5).shown()).isEqualTo("(unset)");
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldNameTheVariableAndTheValueInOneSentenceForABadValue() {
        Settings settings = settings(Map.of("TASKMON_HTTP_PORT", "eighty", "TASKMON_PARTITIONS", "0",
                "TASKMON_REMINDER_INTERVAL", "PT", "TASKMON_STALL", "0s", "TASKMON_REMOTE", "maybe"));

        assertThatThrownBy(() -> settings.port("TASKMON_HTTP_PORT", 8080)).isInstanceOf(SettingsException.class)
                .hasMessage("TASKMON_HTTP_PORT must be a port number from 0 to 65535, got 'eighty'");
        assertThatThrownBy(() -> settings.integer("TASKMON_PARTITIONS", 4, 1, 1000))
                .hasMessage("TASKMON_PARTITIONS must be a whole number from 1 to 1000, got '0'");
        assertThatThrownBy(() -> settings.duration("TASKMON_REMINDER_INTERVAL", Duration.ofHours(1)))
                .hasMessage("TASKMON_REMINDER_INTERVAL must be a positive duration, a whole number with a unit such as"
                        + " 500ms, 30s, 5m, 2h or 7d, got 'PT'");
        assertThatThrownBy(() -> settings.duration("TASKMON_STALL", Duration.ofMinutes(5)))
                .hasMessageStartingWith("TASKMON_STALL must be a positive duration");
        assertThatThrownBy(() -> settings.flag("TASKMON_REMOTE", false))
                .hasMessage("TASKMON_REMOTE must be true or false, got 'maybe'");
    }

    @Test
    void shouldStillReadAnIsoDurationWithOneWarning() {
        Settings settings = settings(Map.of("TASKMON_REMINDER_INTERVAL", "PT30M"));

        assertThat(settings.duration("TASKMON_REMINDER_INTERVAL", Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.duration("TASKMON_REMINDER_INTERVAL", Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(30));
        assertThat(warnings).containsExactly("TASKMON_REMINDER_INTERVAL=PT30M is an ISO-8601 duration, which still works"
                + " for now; please write 30m instead");
    }

    @Test
    void shouldMaskASecretsDefaultToo() {
        Settings settings = settings(Map.of());

        assertThat(settings.secret("PG_PASSWORD", "postgres")).isEqualTo("postgres");
        assertThat(settings.report()).containsExactly(new SettingValue("PG_PASSWORD", "postgres", true, "default"));
        assertThat(settings.report().get(0).shown()).isEqualTo("****");
    }

    @Test
    void shouldAllowZeroWhereZeroMeansOff() {
        Settings settings = settings(Map.of("TASKMON_HISTORY_RETENTION", "0", "TASKMON_OTHER", "-1d"));

        assertThat(settings.durationOrZero("TASKMON_HISTORY_RETENTION", Duration.ofDays(90))).isZero();
        assertThatThrownBy(() -> settings.durationOrZero("TASKMON_OTHER", Duration.ofDays(90)))
                .hasMessageStartingWith("TASKMON_OTHER must be 0 or a whole number with a unit");
    }

    @Test
    void shouldKeepAnOldNameWorkingWithOneWarning() {
        Settings settings = settings(Map.of("TASKMON_RETENTION_DAYS", "30"))
                .renamed("TASKMON_RETENTION_DAYS", "TASKMON_HISTORY_RETENTION", days -> days + "d");

        assertThat(settings.durationOrZero("TASKMON_HISTORY_RETENTION", Duration.ofDays(90))).isEqualTo(Duration.ofDays(30));
        assertThat(settings.durationOrZero("TASKMON_HISTORY_RETENTION", Duration.ofDays(90))).isEqualTo(Duration.ofDays(30));

        assertThat(warnings).containsExactly("TASKMON_RETENTION_DAYS is now called TASKMON_HISTORY_RETENTION;"
                + " the old name still works for now, please rename it");
        assertThat(settings.report()).containsExactly(new SettingValue("TASKMON_HISTORY_RETENTION", "30d", false,
                "environment, as TASKMON_RETENTION_DAYS"));
    }

    @Test
    void shouldNameTheOldVariableAndItsValueWhenAnOldNameHoldsABadValue() {
        Settings settings = settings(Map.of("TASKMON_RETENTION_DAYS", "ninety"))
                .renamed("TASKMON_RETENTION_DAYS", "TASKMON_HISTORY_RETENTION", days -> days + "d");

        assertThatThrownBy(() -> settings.durationOrZero("TASKMON_HISTORY_RETENTION", Duration.ofDays(90)))
                .isInstanceOf(SettingsException.class)
                .hasMessage("TASKMON_RETENTION_DAYS (now TASKMON_HISTORY_RETENTION) must be 0 or a whole number with a"
                        + " unit such as 500ms, 30s, 5m, 2h or 7d, got 'ninety'");
    }

    @Test
    void shouldPreferTheNewNameOverTheOldOne() {
        Settings settings = settings(Map.of("TASKMON_RETENTION_DAYS", "30", "TASKMON_HISTORY_RETENTION", "10d"))
                .renamed("TASKMON_RETENTION_DAYS", "TASKMON_HISTORY_RETENTION", days -> days + "d");

        assertThat(settings.durationOrZero("TASKMON_HISTORY_RETENTION", Duration.ofDays(90))).isEqualTo(Duration.ofDays(10));
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldPassKafkaClientPropertiesThroughAndMaskTheirSecrets() {
        Settings settings = settings(Map.of("TASKMON_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "TASKMON_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka...PlainLoginModule required password=\"x\";",
                "TASKMON_KAFKA_PORT", "9092", "TASKMON_KAFKA_", "ignored", "TASKMON_HTTP_PORT", "1"));

        assertThat(settings.kafkaClientProperties(Set.of("TASKMON_KAFKA_PORT"))).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "sasl.jaas.config", "org.apache.kafka...PlainLoginModule required password=\"x\";",
                "security.protocol", "SASL_SSL")));
        assertThat(settings.report()).extracting(SettingValue::name, SettingValue::shown).containsExactly(
                org.assertj.core.groups.Tuple.tuple("TASKMON_KAFKA_SASL_JAAS_CONFIG", "****"),
                org.assertj.core.groups.Tuple.tuple("TASKMON_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));
    }
}
