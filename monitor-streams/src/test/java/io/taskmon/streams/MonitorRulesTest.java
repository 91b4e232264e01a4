package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorRulesTest {

    @Test
    void shouldUseTheDefaultsWhenNothingIsSet() {
        assertThat(MonitorRules.fromEnvironment(Map.of("TASKMON_ALERT_AFTER_FAILURES", " ")))
                .isEqualTo(MonitorRules.defaults())
                .isEqualTo(new MonitorRules(3, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(10),
                        Duration.ofDays(7), Duration.ofDays(7)));
    }

    @Test
    void shouldReadEverySettingWithUnitsOrIsoDurations() {
        MonitorRules rules = MonitorRules.fromEnvironment(Map.of(
                "TASKMON_ALERT_AFTER_FAILURES", "1",
                "TASKMON_REMINDER_INTERVAL", "PT30M",
                "TASKMON_ETL_STALL_TIMEOUT", "90s",
                "TASKMON_PUNCTUATION_INTERVAL", "500ms",
                "TASKMON_EVENT_ID_MEMORY", "2d",
                "TASKMON_STATS_RETENTION", "48h"));
        assertThat(rules).isEqualTo(new MonitorRules(1, Duration.ofMinutes(30), Duration.ofSeconds(90),
                Duration.ofMillis(500), Duration.ofDays(2), Duration.ofHours(48)));
        assertThat(MonitorRules.fromEnvironment(Map.of("TASKMON_ALERT_AFTER_FAILURES", "100")).alertAfterFailures())
                .isEqualTo(100);
        assertThat(MonitorRules.fromEnvironment(Map.of("TASKMON_REMINDER_INTERVAL", "5m")).reminderInterval())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRefuseABadThresholdWithOneSentenceNamingTheVariable() {
        for (String bad : new String[] {"0", "101", "-3", "three", "2.5"}) {
            assertThatThrownBy(() -> MonitorRules.fromEnvironment(Map.of("TASKMON_ALERT_AFTER_FAILURES", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TASKMON_ALERT_AFTER_FAILURES must be a whole number from 1 to 100, got '" + bad + "'");
        }
    }

    @Test
    void shouldRefuseABadDurationWithOneSentenceNamingTheVariable() {
        for (String bad : new String[] {"0s", "-5m", "soon", "10", "5w", "PT", "PT-1S", "ms"}) {
            assertThatThrownBy(() -> MonitorRules.fromEnvironment(Map.of("TASKMON_ETL_STALL_TIMEOUT", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TASKMON_ETL_STALL_TIMEOUT must be a positive duration such as 30s, 5m, 1h or PT30M,"
                            + " got '" + bad + "'");
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
