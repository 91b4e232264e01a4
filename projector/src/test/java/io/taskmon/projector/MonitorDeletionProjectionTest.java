package io.taskmon.projector;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.Topics.ALERTS;
import static io.taskmon.events.Topics.MONITOR_FLIPS;
import static io.taskmon.events.Topics.MONITOR_STATS;
import static io.taskmon.events.Topics.MONITOR_STATUS;
import static io.taskmon.events.Topics.NOTIFICATIONS;
import static io.taskmon.events.Topics.TASK_RUNS;
import static io.taskmon.projector.Events.failing;
import static io.taskmon.projector.Events.flip;
import static io.taskmon.projector.Events.record;
import static io.taskmon.projector.Events.run;
import static io.taskmon.projector.Events.stats;
import static io.taskmon.projector.Events.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import io.taskmon.readmodel.TaskMonitorDao;
import io.taskmon.readmodel.TaskMonitorRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monitors created ahead of their first run and deleted over the admin API, as the projector
 * sees them: a status without a run, and a tombstone on the status topic.
 */
class MonitorDeletionProjectionTest {

    private static final List<RefusedRecord> deadLetters = new CopyOnWriteArrayList<>();
    private static final String[] HISTORY_TABLES = {"task_runs", "monitor_flips", "alerts", "monitor_stats_hourly"};
    private static ReadModelDatabase db;
    private static ReadModelWriter writer;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("deletion_test");
        writer = new ReadModelWriter(db.jdbi, "deletion-test", deadLetters::addAll);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static ConsumerRecord<byte[], byte[]> tombstone(int partition, long offset, byte[] key) {
        return new ConsumerRecord<>(MONITOR_STATUS.name(), partition, offset, key, null);
    }

    private static byte[] key(UUID monitorId) {
        return MONITOR_STATUS.keySerde().serializer().serialize(MONITOR_STATUS.name(), monitorId);
    }

    /**
     * A monitor with a run, its status, a flip, an alert with its delivery and an hour of stats,
     * from offset {@code first}.
     */
    private static List<ConsumerRecord<byte[], byte[]>> history(TaskRunReported run, long first) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        UUID id = run.monitorId();
        records.add(record(TASK_RUNS, 0, first, id, run));
        records.add(record(MONITOR_STATUS, 0, first, id, status(run, 1, 1)));
        records.add(record(MONITOR_FLIPS, 0, first, id, flip(id, MonitorHealth.NEW, MonitorHealth.FAILING,
                "2026-11-01T02:00:00Z")));
        Alert alert = failing(run, "2026-11-01T02:00:00Z");
        records.add(record(ALERTS, 0, first, id, alert));
        // Where the alert went, on a channel named after the task so its row can be counted.
        Instant owedAt = Instant.parse("2026-11-01T02:00:01Z");
        Delivery owed = Delivery.owed(alert, new Channel(UUID.randomUUID(), run.taskKey(), ChannelType.WEBHOOK, null,
                "https://hooks.example.com/x", null, owedAt), owedAt);
        records.add(record(NOTIFICATIONS, 0, first, owed.deliveryId(), owed));
        records.add(record(MONITOR_STATS, 0, first, id, stats(id, "2026-11-01T02:00:00Z", 1, 1)));
        return records;
    }

    private static long rowsOf(TaskRunReported run) {
        UUID monitorId = run.monitorId();
        long rows = db.count("select count(*) from taskmon.task_monitors where id = '" + monitorId + "'");
        rows += db.count("select count(*) from taskmon.notification_deliveries where channel_name = '"
                + run.taskKey() + "'");
        for (String table : HISTORY_TABLES) {
            rows += db.count("select count(*) from taskmon." + table + " where monitor_id = '" + monitorId + "'");
        }
        return rows;
    }

    @Test
    void shouldDeleteAMonitorWithItsRunsFlipsAlertsAndStatsWhenItsStatusIsTombstoned() {
        TaskRunReported deleted = run("deleted-job", null, FAILED, "2026-11-01T02:00:00Z");
        TaskRunReported kept = run("kept-job", null, FAILED, "2026-11-01T02:00:00Z");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(history(deleted, 10));
        records.addAll(history(kept, 11));
        writer.write(records);
        assertThat(rowsOf(deleted)).isEqualTo(6);

        writer.write(List.of(tombstone(0, 12, key(deleted.monitorId()))));

        assertThat(rowsOf(deleted)).isZero();
        assertThat(rowsOf(kept)).isEqualTo(6);
        assertThat(writer.committedOffsets()).contains(new PartitionOffset(MONITOR_STATUS.name(), 0, 13));
    }

    @Test
    void shouldKeepAStatusThatFollowsTheTombstoneInTheSameBatch() {
        TaskRunReported before = run("recreated-job", null, FAILED, "2026-11-01T02:00:00Z");
        TaskRunReported after = run("recreated-job", null, FAILED, "2026-11-01T03:00:00Z");
        writer.write(history(before, 20));

        writer.write(List.of(
                record(MONITOR_STATUS, 1, 21, before.monitorId(), status(before, 2, 2)),
                tombstone(1, 22, key(before.monitorId())),
                record(MONITOR_STATUS, 1, 23, after.monitorId(), status(after, 1, 1))));

        TaskMonitorRow monitor = db.jdbi.onDemand(TaskMonitorDao.class).find(after.monitorId()).orElseThrow();
        assertThat(monitor.totalRuns()).isEqualTo(1);
        assertThat(monitor.lastFinishedAt()).isEqualTo(after.finishedAt());
        for (String table : HISTORY_TABLES) {
            assertThat(db.count("select count(*) from taskmon." + table + " where monitor_id = '"
                    + before.monitorId() + "'")).as(table).isZero();
        }
    }

    @Test
    void shouldStoreAMonitorCreatedAheadOfItsFirstRunWithoutALastStatus() {
        UUID id = MonitorId.of("kept-in-code", "shell", "NAS-01");
        MonitorConfig config = new MonitorConfig(null, null, 10L, 5L, null, null, null, null);
        MonitorStatus created = MonitorStatus.created(id, "kept-in-code", "Kept in code", "shell", "NAS-01", 3, true,
                null, Map.of("team", "ops", "地域", "台北")).withSchedule(config, Instant.parse("2026-11-01T02:00:10Z"));

        writer.write(List.of(record(MONITOR_STATUS, 2, 30, id, created)));

        TaskMonitorRow monitor = db.jdbi.onDemand(TaskMonitorDao.class).find(id).orElseThrow();
        assertThat(monitor.lastStatus()).isNull();
        assertThat(monitor.health()).isEqualTo("new");
        assertThat(monitor.totalRuns()).isZero();
        assertThat(monitor.nextExpectedAt()).isEqualTo("2026-11-01T02:00:10Z");
        assertThat(monitor.monitorConfig()).isEqualTo("{\"grace_seconds\": 5, \"interval_seconds\": 10}");
        assertThat(monitor.labels()).isEqualTo("{\"team\": \"ops\", \"地域\": \"台北\"}");
    }

    @Test
    void shouldRefuseATombstoneWhoseKeyIsNotAMonitorIdAndMovePastIt() {
        int before = deadLetters.size();
        writer.write(List.of(tombstone(3, 40, "not-a-monitor".getBytes(StandardCharsets.UTF_8)),
                tombstone(3, 41, null)));

        assertThat(deadLetters.subList(before, deadLetters.size())).extracting(RefusedRecord::reason)
                .containsExactly("the status tombstone's key is not a monitor id: " + keyError(),
                        "the status tombstone has no key; it must be the deleted monitor's id");
        assertThat(writer.committedOffsets()).contains(new PartitionOffset(MONITOR_STATUS.name(), 3, 42));
    }

    /** What the key deserializer says about a key that is not a UUID, as the refusal quotes it. */
    private static String keyError() {
        try {
            MONITOR_STATUS.keySerde().deserializer().deserialize(MONITOR_STATUS.name(),
                    "not-a-monitor".getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("the key was read as a UUID");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
