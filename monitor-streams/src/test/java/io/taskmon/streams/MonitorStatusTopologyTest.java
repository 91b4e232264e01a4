package io.taskmon.streams;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.RUNNING;
import static io.taskmon.events.RunStatus.SUCCESS;
import static io.taskmon.streams.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorStatusTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<UUID, TaskRunReported> runs;
    private TestOutputTopic<UUID, MonitorStatus> statuses;

    @BeforeEach
    void startDriver() {
        MonitorStreamsApp.Settings settings = new MonitorStreamsApp.Settings(
                "unused:9092", "topology-test", Path.of(System.getProperty("java.io.tmpdir"), "topology-test"), null);
        driver = new TopologyTestDriver(MonitorStatusTopology.build(), settings.toProperties());
        runs = driver.createInputTopic(Topics.TASK_RUNS.name(),
                Topics.TASK_RUNS.keySerde().serializer(), Topics.TASK_RUNS.valueSerde().serializer());
        statuses = driver.createOutputTopic(Topics.MONITOR_STATUS.name(),
                Topics.MONITOR_STATUS.keySerde().deserializer(), Topics.MONITOR_STATUS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void send(TaskRunReported run) {
        runs.pipeInput(run.monitorId(), run);
    }

    @Test
    void shouldPublishTheLatestStatusOfAMonitorFromItsFirstRun() {
        TaskRunReported first = run("backup", SUCCESS, "2026-11-01T02:00:00Z");
        send(first);

        List<KeyValue<UUID, MonitorStatus>> out = statuses.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(first.monitorId());
        MonitorStatus status = out.get(0).value;
        assertThat(status).isEqualTo(new MonitorStatus(
                MonitorStatus.SCHEMA_VERSION, first.monitorId(), "backup", "Task backup", "shell", "",
                SUCCESS, first.eventId(), first.runId(), first.startedAt(), first.finishedAt(), 5000L, 0,
                null, null, first.receivedAt(), first.finishedAt(), null, 0, 1, 0,
                MonitorHealth.UP, null, 3, AlertState.NONE, null, null, true, null));
        assertThat(statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldCountConsecutiveFailuresAndResetThemOnSuccess() {
        send(run("etl", FAILED, "2026-11-01T01:00:00Z"));
        send(run("etl", FAILED, "2026-11-01T02:00:00Z"));
        send(run("etl", FAILED, "2026-11-01T03:00:00Z"));
        send(run("etl", SUCCESS, "2026-11-01T04:00:00Z"));

        List<MonitorStatus> out = statuses.readValuesToList();
        assertThat(out).extracting(MonitorStatus::consecutiveFailures).containsExactly(1, 2, 3, 0);
        assertThat(out).extracting(MonitorStatus::lastStatus).containsExactly(FAILED, FAILED, FAILED, SUCCESS);
        MonitorStatus last = out.get(3);
        assertThat(last.totalRuns()).isEqualTo(4);
        assertThat(last.totalFailures()).isEqualTo(3);
        assertThat(last.lastFailureAt()).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
        assertThat(last.lastSuccessAt()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldCountALateRunButKeepTheNewerStatusAndStreak() {
        TaskRunReported newer = run("sync", FAILED, "2026-11-01T05:00:00Z");
        send(newer);
        send(run("sync", SUCCESS, "2026-11-01T04:00:00Z"));

        List<MonitorStatus> out = statuses.readValuesToList();
        assertThat(out).hasSize(2);
        MonitorStatus after = out.get(1);
        assertThat(after.lastStatus()).isEqualTo(FAILED);
        assertThat(after.lastEventId()).isEqualTo(newer.eventId());
        assertThat(after.consecutiveFailures()).isEqualTo(1);
        assertThat(after.totalRuns()).isEqualTo(2);
        assertThat(after.lastSuccessAt()).isNull();
    }

    @Test
    void shouldNotBreakAFailureStreakOnARunningSignal() {
        send(run("import", FAILED, "2026-11-01T01:00:00Z"));
        send(run("import", RUNNING, "2026-11-01T02:00:00Z"));
        send(run("import", FAILED, "2026-11-01T02:10:00Z"));

        List<MonitorStatus> out = statuses.readValuesToList();
        assertThat(out).extracting(MonitorStatus::lastStatus).containsExactly(FAILED, RUNNING, FAILED);
        assertThat(out).extracting(MonitorStatus::consecutiveFailures).containsExactly(1, 1, 2);
        assertThat(out).extracting(MonitorStatus::totalRuns).containsExactly(1L, 1L, 2L);
    }

    @Test
    void shouldKeepMonitorsOnDifferentMachinesApart() {
        UUID e1 = UUID.randomUUID();
        UUID e2 = UUID.randomUUID();
        TaskRunReported web1 = run("report", "WEB-01", FAILED, "2026-11-01T01:00:00Z", e1);
        TaskRunReported web2 = run("report", "WEB-02", SUCCESS, "2026-11-01T01:00:00Z", e2);
        send(web1);
        send(web2);

        Map<UUID, MonitorStatus> table = statuses.readKeyValuesToMap();
        assertThat(table).containsOnlyKeys(web1.monitorId(), web2.monitorId());
        assertThat(table.get(web1.monitorId()).lastStatus()).isEqualTo(FAILED);
        assertThat(table.get(web2.monitorId()).lastStatus()).isEqualTo(SUCCESS);
    }

    @Test
    void shouldSkipUnreadableAndIncompleteRecordsAndGoOn() {
        TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(Topics.TASK_RUNS.name(),
                new ByteArraySerializer(), new ByteArraySerializer());
        TaskRunReported good = run("after-poison", SUCCESS, "2026-11-01T01:00:00Z");
        byte[] key = good.monitorId().toString().getBytes(StandardCharsets.UTF_8);

        raw.pipeInput(key, "{not json".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("not-a-uuid".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(key, "{\"schema_version\":1}".getBytes(StandardCharsets.UTF_8));
        send(good);

        List<KeyValue<UUID, MonitorStatus>> out = statuses.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(good.monitorId());
        assertThat(out.get(0).value.lastStatus()).isEqualTo(RunStatus.SUCCESS);
        assertThat(out.get(0).value.totalRuns()).isEqualTo(1);
    }
}
