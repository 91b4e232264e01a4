package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProjectorConfigTest {

    @Test
    void shouldDefaultToNinetyDaysOfHistoryAndRolesThatCannotLogIn() {
        ProjectorConfig config = ProjectorConfig.from(new Properties(), Map.of());

        assertThat(config).isEqualTo(ProjectorConfig.defaults());
        assertThat(config.retention().maxAge()).isEqualTo(Duration.ofDays(90));
        assertThat(config.retention().statsMaxAge()).isEqualTo(Duration.ofDays(400));
        assertThat(config.retention().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.retention().batchSize()).isEqualTo(5_000);
        assertThat(config.roles().projector()).isNull();
        assertThat(config.roles().reader()).isNull();
    }

    @Test
    void shouldReadTheEnvironmentAndLetSystemPropertiesWin() {
        Properties properties = new Properties();
        properties.setProperty("taskmon.retention.days", "30");
        properties.setProperty("taskmon.projector.db-password", "from-property");

        ProjectorConfig config = ProjectorConfig.from(properties, Map.of(
                "TASKMON_RETENTION_DAYS", "45", "TASKMON_PROJECTOR_DB_PASSWORD", "from-env",
                "TASKMON_READER_DB_PASSWORD", "reader-secret", "TASKMON_STATS_RETENTION_DAYS", "0",
                "TASKMON_RETENTION_INTERVAL_MINUTES", "15", "TASKMON_RETENTION_BATCH_SIZE", "250"));

        assertThat(config.retention()).isEqualTo(new RetentionSettings(Duration.ofDays(30), Duration.ZERO,
                Duration.ofMinutes(15), 250));
        assertThat(config.roles()).isEqualTo(new RolePasswords("from-property", "reader-secret"));
        assertThat(config.roles().toString()).doesNotContain("from-property").doesNotContain("reader-secret");
    }

    @Test
    void shouldNameTheSettingWhenAValueIsBad() {
        assertThatThrownBy(() -> ProjectorConfig.from(new Properties(), Map.of("TASKMON_RETENTION_DAYS", "ninety")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TASKMON_RETENTION_DAYS must be a whole number of at least 0, got 'ninety'");
        assertThatThrownBy(() -> ProjectorConfig.from(new Properties(), Map.of("TASKMON_RETENTION_DAYS", "-1")))
                .hasMessage("TASKMON_RETENTION_DAYS must be a whole number of at least 0, got '-1'");
        assertThatThrownBy(() -> ProjectorConfig.from(new Properties(), Map.of("TASKMON_RETENTION_BATCH_SIZE", "0")))
                .hasMessage("TASKMON_RETENTION_BATCH_SIZE must be a whole number of at least 1, got '0'");
        Properties properties = new Properties();
        properties.setProperty("taskmon.retention.interval-minutes", "99999999999");
        assertThatThrownBy(() -> ProjectorConfig.from(properties, Map.of()))
                .hasMessage("taskmon.retention.interval-minutes must be a whole number of at least 1, got '99999999999'");
    }
}
