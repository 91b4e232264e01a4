package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorRulesTest {

    private final List<String> warnings = new ArrayList<>();

    private MonitorRules read(Map<String, String> env) {
        return MonitorRules.read(new Settings(env, warnings::add));
    }

    @Test
    void shouldUseTheDefaultsWhenNothingIsSet() {
        assertThat(read(Map.of("TASKMON_ALERT_AFTER_FAILURES", " ")))
                .isEqualTo(MonitorRules.defaults())
                .isEqualTo(new MonitorRules(3, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(10),
                        Duration.ofDays(7), Duration.ofDays(7)));
    }

    @Test
    void shouldReadEverySettingInTheOneDurationGrammar() {
        MonitorRules rules = read(Map.of(
                "TASKMON_ALERT_AFTER_FAILURES", "1",
                "TASKMON_REMINDER_INTERVAL", "30m",
                "TASKMON_ETL_STALL_TIMEOUT", "90s",
                "TASKMON_PUNCTUATION_INTERVAL", "500ms",
                "TASKMON_EVENT_ID_MEMORY", "2d",
                "TASKMON_STATS_LATE_RUN_WINDOW", "48h"));
        assertThat(rules).isEqualTo(new MonitorRules(1, Duration.ofMinutes(30), Duration.ofSeconds(90),
                Duration.ofMillis(500), Duration.ofDays(2), Duration.ofHours(48)));
        assertThat(read(Map.of("TASKMON_ALERT_AFTER_FAILURES", "100")).alertAfterFailures()).isEqualTo(100);
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldReadTheClockSettingsWithTheirDefaults() {
        assertThat(MonitorRules.defaults().clock())
                .isEqualTo(new ClockRules(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(30)));
        MonitorRules rules = read(Map.of("TASKMON_CLOCK_GAP", "10s", "TASKMON_CLOCK_SETTLE", "2m",
                "TASKMON_CLOCK_LIVENESS", "45s"));
        assertThat(rules.clock())
                .isEqualTo(new ClockRules(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(45)));
        assertThatThrownBy(() -> read(Map.of("TASKMON_CLOCK_SETTLE", "soon")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("TASKMON_CLOCK_SETTLE");
    }

    @Test
    void shouldReadTheEtlErrorBurstSettingsWithTheirDefaults() {
        assertThat(MonitorRules.defaults().etlErrorBurst()).isEqualTo(new ErrorBurstRules(5, Duration.ofMinutes(5)));
        assertThat(read(Map.of("TASKMON_ETL_ERROR_BURST_ROWS", "20", "TASKMON_ETL_ERROR_BURST_WINDOW", "90s"))
                .etlErrorBurst()).isEqualTo(new ErrorBurstRules(20, Duration.ofSeconds(90)));
        assertThat(read(Map.of("TASKMON_ETL_ERROR_BURST_ROWS", "1000000")).etlErrorBurst().rows()).isEqualTo(1_000_000);
    }

    @Test
    void shouldRefuseBadEtlErrorBurstSettingsWithOneSentenceNamingTheVariable() {
        for (String bad : new String[] {"0", "-1", "1000001", "five", "2.5"}) {
            assertThatThrownBy(() -> read(Map.of("TASKMON_ETL_ERROR_BURST_ROWS", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("TASKMON_ETL_ERROR_BURST_ROWS must be a whole number from 1 to 1000000, got '" + bad
                            + "'");
        }
        for (String bad : new String[] {"0s", "-5m", "5", "soon"}) {
            assertThatThrownBy(() -> read(Map.of("TASKMON_ETL_ERROR_BURST_WINDOW", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("TASKMON_ETL_ERROR_BURST_WINDOW must be a positive duration, a whole number with a unit"
                            + " such as 500ms, 30s, 5m, 2h or 7d, got '" + bad + "'");
        }
        assertThatThrownBy(() -> new ErrorBurstRules(0, Duration.ofMinutes(5)))
                .hasMessage("ETL error burst rows must be from 1 to 1000000, got 0");
    }

    @Test
    void shouldKeepTheOldStatsRetentionNameAndIsoDurationsWorkingWithAWarning() {
        MonitorRules rules = read(Map.of("TASKMON_STATS_RETENTION", "48h", "TASKMON_REMINDER_INTERVAL", "PT30M"));

        assertThat(rules.statsRetention()).isEqualTo(Duration.ofHours(48));
        assertThat(rules.reminderInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(warnings).containsExactlyInAnyOrder(
                "TASKMON_STATS_RETENTION is now called TASKMON_STATS_LATE_RUN_WINDOW; the old name still works for now,"
                        + " please rename it",
                "TASKMON_REMINDER_INTERVAL=PT30M is an ISO-8601 duration, which still works for now; please write 30m"
                        + " instead");
    }

    @Test
    void shouldRefuseABadThresholdWithOneSentenceNamingTheVariable() {
        for (String bad : new String[] {"0", "101", "-3", "three", "2.5"}) {
            assertThatThrownBy(() -> read(Map.of("TASKMON_ALERT_AFTER_FAILURES", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("TASKMON_ALERT_AFTER_FAILURES must be a whole number from 1 to 100, got '" + bad + "'");
        }
    }

    @Test
    void shouldRefuseABadDurationWithOneSentenceNamingTheVariable() {
        for (String bad : new String[] {"0s", "-5m", "soon", "10", "5w", "PT", "PT-1S", "ms"}) {
            assertThatThrownBy(() -> read(Map.of("TASKMON_ETL_STALL_TIMEOUT", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("TASKMON_ETL_STALL_TIMEOUT must be a positive duration, a whole number with a unit such"
                            + " as 500ms, 30s, 5m, 2h or 7d, got '" + bad + "'");
        }
    }

    @Test
    void shouldRefuseRulesThatCannotWork() {
        assertThatThrownBy(() -> MonitorRules.defaults().withAlertAfterFailures(0))
                .hasMessage("alert after failures must be from 1 to 100, got 0");
        assertThatThrownBy(() -> MonitorRules.defaults().withReminderInterval(Duration.ZERO))
                .hasMessage("reminder interval must be a positive duration, got PT0S");
    }
}
