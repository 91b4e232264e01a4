package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectorConfigTest {

    private final List<String> warnings = new ArrayList<>();

    private ProjectorConfig read(Map<String, String> env) {
        return ProjectorConfig.read(new Settings(env, warnings::add));
    }

    @Test
    void shouldDefaultToNinetyDaysOfHistoryAndRolesThatCannotLogIn() {
        ProjectorConfig config = read(Map.of());

        assertThat(config).isEqualTo(ProjectorConfig.defaults());
        assertThat(config.retention().maxAge()).isEqualTo(Duration.ofDays(90));
        assertThat(config.retention().statsMaxAge()).isEqualTo(Duration.ofDays(400));
        assertThat(config.retention().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.retention().batchSize()).isEqualTo(5_000);
        assertThat(config.roles().projector()).isNull();
        assertThat(config.roles().reader()).isNull();
    }

    @Test
    void shouldReadTheEnvironment() {
        ProjectorConfig config = read(Map.of(
                "TASKMON_HISTORY_RETENTION", "45d", "TASKMON_PROJECTOR_DB_PASSWORD", "from-env",
                "TASKMON_READER_DB_PASSWORD", "reader-secret", "TASKMON_STATS_HISTORY_RETENTION", "0",
                "TASKMON_RETENTION_INTERVAL", "15m", "TASKMON_RETENTION_BATCH_SIZE", "250",
                "TASKMON_PROJECTOR_WRITERS", "3", "TASKMON_PROJECTOR_POLL_RECORDS", "1000"));

        assertThat(config.retention()).isEqualTo(new RetentionSettings(Duration.ofDays(45), Duration.ZERO,
                Duration.ofMinutes(15), 250));
        assertThat(config.roles()).isEqualTo(new RolePasswords("from-env", "reader-secret"));
        assertThat(config.roles().toString()).doesNotContain("from-env").doesNotContain("reader-secret");
        assertThat(config.applyTo(Projector.Settings.defaults("kafka:9092")))
                .extracting(Projector.Settings::writers, Projector.Settings::maxPollRecords).containsExactly(3, 1000);
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldKeepTheOldDayAndMinuteNamesWorkingWithOneWarningEach() {
        ProjectorConfig config = read(Map.of("TASKMON_RETENTION_DAYS", "30", "TASKMON_STATS_RETENTION_DAYS", "0",
                "TASKMON_RETENTION_INTERVAL_MINUTES", "15"));

        assertThat(config.retention()).isEqualTo(new RetentionSettings(Duration.ofDays(30), Duration.ZERO,
                Duration.ofMinutes(15), 5_000));
        assertThat(warnings).containsExactly(
                "TASKMON_RETENTION_DAYS is now called TASKMON_HISTORY_RETENTION; the old name still works for now,"
                        + " please rename it",
                "TASKMON_STATS_RETENTION_DAYS is now called TASKMON_STATS_HISTORY_RETENTION; the old name still works"
                        + " for now, please rename it",
                "TASKMON_RETENTION_INTERVAL_MINUTES is now called TASKMON_RETENTION_INTERVAL; the old name still works"
                        + " for now, please rename it");
    }

    @Test
    void shouldNameTheSettingWhenAValueIsBad() {
        assertThatThrownBy(() -> read(Map.of("TASKMON_HISTORY_RETENTION", "ninety")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("TASKMON_HISTORY_RETENTION must be 0 or a whole number with a unit such as 500ms, 30s, 5m,"
                        + " 2h or 7d, got 'ninety'");
        assertThatThrownBy(() -> read(Map.of("TASKMON_RETENTION_DAYS", "-1")))
                .hasMessage("TASKMON_RETENTION_DAYS (now TASKMON_HISTORY_RETENTION) must be 0 or a whole number with a"
                        + " unit such as 500ms, 30s, 5m, 2h or 7d, got '-1'");
        assertThatThrownBy(() -> read(Map.of("TASKMON_RETENTION_BATCH_SIZE", "0")))
                .hasMessage("TASKMON_RETENTION_BATCH_SIZE must be a whole number from 1 to 1000000, got '0'");
        assertThatThrownBy(() -> read(Map.of("TASKMON_PROJECTOR_WRITERS", "0")))
                .hasMessage("TASKMON_PROJECTOR_WRITERS must be a whole number from 1 to 64, got '0'");
        assertThatThrownBy(() -> read(Map.of("TASKMON_RETENTION_INTERVAL", "0m")))
                .hasMessageStartingWith("TASKMON_RETENTION_INTERVAL must be a positive duration");
    }
}
