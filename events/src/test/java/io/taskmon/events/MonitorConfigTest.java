package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

    private static MonitorConfig cron(String cron, String zone) {
        return new MonitorConfig(cron, zone, null, null, null, null, null, null);
    }

    private static MonitorConfig interval(long seconds, Long grace) {
        return new MonitorConfig(null, null, seconds, grace, null, null, null, null);
    }

    @Test
    void shouldAcceptCronIntervalOrNeither() {
        assertThat(cron("0 2 * * *", "Asia/Taipei").problem()).isEmpty();
        assertThat(interval(10, 5L).problem()).isEmpty();
        assertThat(new MonitorConfig(null, null, null, null, 600L, 5L, 3, 2).problem()).isEmpty();
    }

    @Test
    void shouldNameTheBadFieldInOneSentence() {
        assertThat(new MonitorConfig("0 2 * * *", null, 60L, null, null, null, null, null).problem())
                .hasValue("monitor_config must have either cron or interval_seconds, not both");
        assertThat(cron("0 2 * * *", "Mars/Olympus").problem()).hasValue("monitor_config.timezone must be an"
                + " IANA time zone such as UTC, Asia/Taipei or Europe/Berlin, got 'Mars/Olympus'");
        assertThat(cron("0 0 2 * * *", null).problem()).hasValueSatisfying(s -> assertThat(s)
                .startsWith("monitor_config.cron must have 5 fields"));
        assertThat(interval(9, null).problem())
                .hasValue("monitor_config.interval_seconds must be a whole number from 10 to 31536000");
        assertThat(interval(60, -1L).problem())
                .hasValue("monitor_config.grace_seconds must be a whole number from 0 to 31536000");
        assertThat(new MonitorConfig(null, null, null, null, null, null, null, 0).problem())
                .hasValue("monitor_config.recover_after_successes must be a whole number from 1 to 100");
    }

    @Test
    void shouldDefaultTheGraceByKindOfSchedule() {
        assertThat(cron("0 2 * * *", null).grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(interval(3600, null).grace()).isEqualTo(Duration.ofMinutes(12));
        assertThat(interval(60, null).grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(interval(60, 5L).grace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldCarryTheConfigurationOnTheRunAndReadOldRunsWithoutIt() {
        TaskRunReported run = new TaskRunReported(TaskRunReported.SCHEMA_VERSION,
                UUID.fromString("5b1e3a56-0c1e-4a4f-9f5e-0d9cfb0b1a01"), "r1", MonitorId.of("k", "shell", null),
                "k", "K", "shell", null, RunStatus.SUCCESS, null, null, null, null, null, null,
                Instant.parse("2026-11-01T02:00:06Z"), null, null, null, null, null, Map.of(), null,
                new MonitorConfig("0 2 * * *", "Europe/Berlin", null, 600L, 3600L, null, null, 2));
        byte[] bytes = Topics.TASK_RUNS.valueSerde().serializer().serialize("t", run);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(
                "\"monitor_config\":{\"cron\":\"0 2 * * *\",\"timezone\":\"Europe/Berlin\",\"grace_seconds\":600,"
                        + "\"max_runtime_seconds\":3600,\"recover_after_successes\":2}");
        assertThat(Topics.TASK_RUNS.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(run);

        String old = "{\"schema_version\":1,\"event_id\":\"5b1e3a56-0c1e-4a4f-9f5e-0d9cfb0b1a01\","
                + "\"task_key\":\"k\",\"kind\":\"shell\",\"status\":\"success\"}";
        TaskRunReported read = Topics.TASK_RUNS.valueSerde().deserializer()
                .deserialize("t", old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.monitorConfig()).isNull();
        assertThat(read.taskKey()).isEqualTo("k");
    }
}
