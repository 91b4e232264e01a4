package io.taskmon.projector;

import static io.taskmon.events.MonitorHealth.FAILING;
import static io.taskmon.events.MonitorHealth.UP;
import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.RUNNING;
import static io.taskmon.events.RunStatus.SUCCESS;
import static io.taskmon.events.Topics.ALERTS;
import static io.taskmon.events.Topics.ETL_JOBS;
import static io.taskmon.events.Topics.ETL_PROGRESS;
import static io.taskmon.events.Topics.MONITOR_FLIPS;
import static io.taskmon.events.Topics.MONITOR_STATS;
import static io.taskmon.events.Topics.MONITOR_STATUS;
import static io.taskmon.events.Topics.TASK_RUNS;
import static io.taskmon.projector.Events.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RowRejection;
import io.taskmon.events.TaskRunReported;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import io.taskmon.readmodel.AlertDao;
import io.taskmon.readmodel.AlertRow;
import io.taskmon.readmodel.EtlImportErrorDao;
import io.taskmon.readmodel.EtlImportErrorRow;
import io.taskmon.readmodel.EtlJobBatchDao;
import io.taskmon.readmodel.EtlJobBatchRow;
import io.taskmon.readmodel.EtlJobRunDao;
import io.taskmon.readmodel.EtlJobRunRow;
import io.taskmon.readmodel.TaskMonitorDao;
import io.taskmon.readmodel.TaskMonitorRow;
import io.taskmon.readmodel.TaskRunDao;
import io.taskmon.readmodel.TaskRunRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every projected topic into its table, written by the real writer into the real schema. */
class ReadModelProjectionTest {

    private static final List<RefusedRecord> deadLetters = new CopyOnWriteArrayList<>();
    private static ReadModelDatabase db;
    private static ReadModelWriter writer;
    private long offset;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("projection_test");
        writer = new ReadModelWriter(db.jdbi, "projection-test", deadLetters::addAll);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clearDeadLetters() {
        deadLetters.clear();
    }

    private <V> ConsumerRecord<byte[], byte[]> next(io.taskmon.events.Topic<UUID, V> topic, UUID key, V value) {
        return record(topic, 0, offset++, key, value);
    }

    @Test
    void shouldStoreEveryOptionalRunFieldAndTheLabelsAsJson() {
        TaskRunReported run = Events.etlRun("weather-import", "2026-11-02T03:00:00Z");
        writer.write(List.of(next(TASK_RUNS, run.monitorId(), run)));

        TaskRunRow row = db.jdbi.onDemand(TaskRunDao.class).find(run.monitorId(), run.runId()).orElseThrow();
        assertThat(row.recordsProcessed()).isEqualTo(1_500L);
        assertThat(row.recordsFailed()).isEqualTo(3L);
        assertThat(row.attemptCount()).isEqualTo(2);
        assertThat(row.maxAttempts()).isEqualTo(5);
        assertThat(row.externalId()).isEqualTo("job-42");
        assertThat(row.machineName()).isNull();
        assertThat(row.message()).isEqualTo("timeout\tafter 30 s\nretrying");
        assertThat(db.text("select labels->>'county' from taskmon.task_runs where event_id = '" + run.eventId() + "'"))
                .isEqualTo("屏東縣");
        assertThat(db.text("select raw->>'external_id' from taskmon.task_runs where event_id = '" + run.eventId() + "'"))
                .isEqualTo("job-42");
    }

    @Test
    void shouldFoldAStartAndItsFinishInOneBatchIntoOneFinishedRow() {
        TaskRunReported started = Events.run("same-batch", "run-1", RUNNING, "2026-11-02T01:00:00Z");
        TaskRunReported finished = Events.run("same-batch", "run-1", FAILED, "2026-11-02T01:10:00Z");
        TaskRunReported lateStart = Events.run("same-batch", "run-1", RUNNING, "2026-11-02T01:00:00Z");
        writer.write(List.of(next(TASK_RUNS, started.monitorId(), started),
                next(TASK_RUNS, finished.monitorId(), finished), next(TASK_RUNS, lateStart.monitorId(), lateStart)));

        TaskRunRow row = db.jdbi.onDemand(TaskRunDao.class).find(started.monitorId(), "run-1").orElseThrow();
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.eventId()).isEqualTo(finished.eventId());
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'same-batch'")).isEqualTo(1);
    }

    @Test
    void shouldStoreTheWholeMonitorStatusIncludingAlertStateAndEnabled() {
        TaskRunReported run = Events.run("alerting", null, FAILED, "2026-11-02T04:00:00Z");
        UUID openAlert = UUID.randomUUID();
        writer.write(List.of(next(MONITOR_STATUS, run.monitorId(), Events.alertingStatus(run, openAlert))));

        TaskMonitorRow monitor = db.jdbi.onDemand(TaskMonitorDao.class).find(run.monitorId()).orElseThrow();
        assertThat(monitor.health()).isEqualTo("failing");
        assertThat(monitor.alertState()).isEqualTo("alerting");
        assertThat(monitor.openAlertId()).isEqualTo(openAlert);
        assertThat(monitor.alertAfterFailures()).isEqualTo(4);
        assertThat(monitor.streakStartedAt()).isEqualTo(run.finishedAt().minusSeconds(3600));
        assertThat(monitor.lastAlertAt()).isEqualTo(run.finishedAt());
        assertThat(monitor.enabled()).isFalse();
        assertThat(monitor.lastRecordsProcessed()).isEqualTo(1_500L);
        assertThat(monitor.totalFailures()).isEqualTo(6);
    }

    @Test
    void shouldStoreTheScheduleAndListMissedAndTimedOutMonitorsAsIncidents() {
        TaskRunReported last = Events.run("nightly-export", null, SUCCESS, "2026-11-03T02:00:00Z");
        Instant expected = Instant.parse("2026-11-04T02:00:00Z");
        MonitorConfig config = new MonitorConfig("0 2 * * *", "Asia/Taipei", null, 600L, 3600L, null, null, null);
        MonitorStatus missed = Events.status(last, 0, 12).withSchedule(config, expected).withHealth(MonitorHealth.MISSED);
        TaskRunReported started = Events.run("hourly-sync", "run-7", RUNNING, "2026-11-03T05:00:00Z");
        MonitorStatus timedOut = Events.status(started, 0, 3)
                .withSchedule(new MonitorConfig(null, null, 3600L, null, 900L, null, null, null),
                        Instant.parse("2026-11-03T06:00:00Z"))
                .withHealth(MonitorHealth.TIMEOUT);
        TaskRunReported plain = Events.run("no-schedule", null, SUCCESS, "2026-11-03T01:00:00Z");
        writer.write(List.of(next(MONITOR_STATUS, last.monitorId(), missed),
                next(MONITOR_STATUS, started.monitorId(), timedOut),
                next(MONITOR_STATUS, plain.monitorId(), Events.status(plain, 0, 1).withHealth(MonitorHealth.UP))));

        TaskMonitorDao monitors = db.jdbi.onDemand(TaskMonitorDao.class);
        TaskMonitorRow row = monitors.find(last.monitorId()).orElseThrow();
        assertThat(row.health()).isEqualTo("missed");
        assertThat(row.nextExpectedAt()).isEqualTo(expected);
        assertThat(db.text("select monitor_config->>'timezone' from taskmon.task_monitors where id = '"
                + last.monitorId() + "'")).isEqualTo("Asia/Taipei");
        assertThat(db.text("select monitor_config->>'grace_seconds' from taskmon.task_monitors where id = '"
                + last.monitorId() + "'")).isEqualTo("600");
        TaskMonitorRow withoutSchedule = monitors.find(plain.monitorId()).orElseThrow();
        assertThat(withoutSchedule.monitorConfig()).isNull();
        assertThat(withoutSchedule.nextExpectedAt()).isNull();

        assertThat(monitors.incidents(100, 0)).extracting(TaskMonitorRow::monitorId, TaskMonitorRow::health)
                .contains(tuple(last.monitorId(), "missed"), tuple(started.monitorId(), "timeout"))
                .doesNotContain(tuple(plain.monitorId(), "up"));
    }

    @Test
    void shouldStoreFlipsOnceEvenWhenReplayed() {
        UUID monitor = UUID.randomUUID();
        MonitorFlip down = Events.flip(monitor, UP, FAILING, "2026-11-02T05:00:00Z");
        MonitorFlip up = Events.flip(monitor, FAILING, UP, "2026-11-02T06:00:00Z");
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(next(MONITOR_FLIPS, monitor, down), next(MONITOR_FLIPS, monitor, up));
        writer.write(batch);
        writer.write(List.of(next(MONITOR_FLIPS, monitor, down)));

        assertThat(db.rows("select old_health, new_health, reason from taskmon.monitor_flips where monitor_id = '"
                + monitor + "' order by flipped_at")).containsExactly(
                List.of("up", "failing", "run failed with exit code 2"),
                List.of("failing", "up", "run failed with exit code 2"));
    }

    @Test
    void shouldResolveAnAlertByItsRecoveryWhicheverBatchComesFirst() {
        TaskRunReported run = Events.run("alert-order", null, FAILED, "2026-11-02T07:00:00Z");
        Alert failing = Events.failing(run, "2026-11-02T07:00:00Z");
        Alert recovered = Events.recovered(failing, "2026-11-02T08:00:00Z");
        writer.write(List.of(next(ALERTS, run.monitorId(), failing)));
        writer.write(List.of(next(ALERTS, run.monitorId(), recovered)));

        Alert otherFailing = Events.failing(Events.run("alert-reversed", null, FAILED, "2026-11-02T07:00:00Z"),
                "2026-11-02T07:00:00Z");
        Alert otherRecovered = Events.recovered(otherFailing, "2026-11-02T09:00:00Z");
        writer.write(List.of(next(ALERTS, otherFailing.monitorId(), otherRecovered)));
        writer.write(List.of(next(ALERTS, otherFailing.monitorId(), otherFailing)));

        AlertDao alerts = db.jdbi.onDemand(AlertDao.class);
        AlertRow resolved = alerts.find(failing.alertId()).orElseThrow();
        assertThat(resolved.resolvedAt()).isEqualTo(recovered.raisedAt());
        assertThat(resolved.resolvedByAlertId()).isEqualTo(recovered.alertId());
        assertThat(resolved.alertType()).isEqualTo("FAILING");
        assertThat(resolved.threshold()).isEqualTo(3);
        assertThat(alerts.find(recovered.alertId()).orElseThrow().resolvesAlertId()).isEqualTo(failing.alertId());
        assertThat(alerts.find(otherFailing.alertId()).orElseThrow().resolvedByAlertId()).isEqualTo(otherRecovered.alertId());

        UUID job = UUID.randomUUID();
        Alert etl = Events.etlFailed(job, "2026-11-02T10:00:00Z");
        writer.write(List.of(next(ALERTS, job, etl)));
        AlertRow etlRow = alerts.find(etl.alertId()).orElseThrow();
        assertThat(etlRow.jobRunId()).isEqualTo(job);
        assertThat(etlRow.jobName()).isEqualTo("tax-registration");
        assertThat(etlRow.resolvedAt()).isNull();
    }

    @Test
    void shouldKeepTheLastTotalsOfAnHour() {
        UUID monitor = UUID.randomUUID();
        writer.write(List.of(next(MONITOR_STATS, monitor, Events.stats(monitor, "2026-11-02T10:00:00Z", 1, 0)),
                next(MONITOR_STATS, monitor, Events.stats(monitor, "2026-11-02T10:00:00Z", 2, 1))));
        writer.write(List.of(next(MONITOR_STATS, monitor, Events.stats(monitor, "2026-11-02T10:00:00Z", 3, 1)),
                next(MONITOR_STATS, monitor, Events.stats(monitor, "2026-11-02T11:00:00Z", 1, 1))));

        assertThat(db.rows("select hour_start, runs, failures, total_duration_ms from taskmon.monitor_stats_hourly"
                + " where monitor_id = '" + monitor + "' order by hour_start")).containsExactly(
                List.of(Instant.parse("2026-11-02T10:00:00Z").toString(), "3", "1", "3000"),
                List.of(Instant.parse("2026-11-02T11:00:00Z").toString(), "1", "1", "1000"));
    }

    @Test
    void shouldStoreEtlJobStateBatchesAndRejectedRows() {
        UUID job = UUID.randomUUID();
        RowRejection badBan = new RowRejection(17, "INVALID_BAN", "統一編號 must be 8 digits", "1234,某公司");
        RowRejection missing = new RowRejection(18, "MISSING_FIELD", "address is required", "12345678,");
        writer.write(List.of(
                next(ETL_JOBS, job, Events.etlJob(job, EtlJobState.RUNNING, 1, "2026-11-02T12:00:00Z")),
                next(ETL_PROGRESS, job, Events.batchCompleted(job, 1, "2026-11-02T12:00:00Z", badBan, missing)),
                next(ETL_PROGRESS, job, Events.batchFailed(job, 2, "2026-11-02T12:01:00Z"))));
        writer.write(List.of(
                next(ETL_PROGRESS, job, Events.batchCompleted(job, 2, "2026-11-02T12:02:00Z")),
                next(ETL_JOBS, job, Events.etlJob(job, EtlJobState.SUCCESS, 2, "2026-11-02T12:03:00Z"))));

        EtlJobRunRow jobRow = db.jdbi.onDemand(EtlJobRunDao.class).find(job).orElseThrow();
        assertThat(jobRow.status()).isEqualTo("success");
        assertThat(jobRow.completedAt()).isEqualTo(Instant.parse("2026-11-02T12:03:00Z"));
        assertThat(jobRow.rowsRead()).isEqualTo(2000);
        assertThat(jobRow.recordsProcessed()).isEqualTo(1980);
        assertThat(jobRow.recordsFailed()).isEqualTo(14);
        assertThat(jobRow.batches()).isEqualTo(2);
        assertThat(jobRow.rowsPerSecond()).isEqualTo(1650.5);

        List<EtlJobBatchRow> batches = db.jdbi.onDemand(EtlJobBatchDao.class).findByJob(job);
        assertThat(batches).extracting(EtlJobBatchRow::batchNumber, EtlJobBatchRow::status, EtlJobBatchRow::recordsProcessed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "completed", 990L),
                        org.assertj.core.groups.Tuple.tuple(2L, "completed", 990L));

        assertThat(db.jdbi.onDemand(EtlImportErrorDao.class).findByJob(job)).containsExactly(
                new EtlImportErrorRow(job, 1, 17, "INVALID_BAN", "統一編號 must be 8 digits", "1234,某公司"),
                new EtlImportErrorRow(job, 1, 18, "MISSING_FIELD", "address is required", "12345678,"));
    }

    @Test
    void shouldDeadLetterUnreadableRecordsWithTheirReasonAndStoreTheRest() {
        TaskRunReported good = Events.run("next-to-poison", null, SUCCESS, "2026-11-02T13:00:00Z");
        ConsumerRecord<byte[], byte[]> notJson = new ConsumerRecord<>(ALERTS.name(), 1, 70, new byte[] {7},
                "not json at all".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> noAlertId = new ConsumerRecord<>(ALERTS.name(), 1, 71, new byte[] {8},
                "{\"schema_version\":1,\"type\":\"FAILING\",\"summary\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> unknownHealth = new ConsumerRecord<>(MONITOR_FLIPS.name(), 1, 72, new byte[] {9},
                ("{\"schema_version\":1,\"monitor_id\":\"" + UUID.randomUUID() + "\",\"event_id\":\"" + UUID.randomUUID()
                        + "\",\"old_health\":\"up\",\"new_health\":\"sideways\",\"flipped_at\":\"2026-11-02T13:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8));

        int refused = writer.write(List.of(notJson, noAlertId, unknownHealth, record(TASK_RUNS, 1, 900, good.monitorId(), good)));

        assertThat(refused).isEqualTo(3);
        assertThat(deadLetters).extracting(r -> r.record().offset()).containsExactly(70L, 71L, 72L);
        assertThat(deadLetters.get(0).reason()).contains("cannot read Alert");
        assertThat(deadLetters.get(1).reason()).isEqualTo("alert event lacks alert_id, type, raised_at or summary");
        assertThat(deadLetters.get(2).reason()).contains("new_health");
        var letter = deadLetters.get(0).toDeadLetter(Instant.parse("2026-11-02T13:00:01Z"));
        assertThat(letter.rawValue()).isEqualTo("not json at all");
        assertThat(letter.sourceTopic()).isEqualTo(ALERTS.name());
        assertThat(letter.consumer()).isEqualTo("projector");
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'next-to-poison'")).isEqualTo(1);
        assertThat(writer.committedOffsets()).contains(new PartitionOffset(ALERTS.name(), 1, 72),
                new PartitionOffset(MONITOR_FLIPS.name(), 1, 73), new PartitionOffset(TASK_RUNS.name(), 1, 901));
    }

    @Test
    void shouldDeadLetterOnlyTheRecordTheDatabaseRefusesAndKeepTheRestOfItsBatch() {
        TaskRunReported before = Events.run("db-refuses-before", null, SUCCESS, "2026-11-02T14:00:00Z");
        TaskRunReported after = Events.run("db-refuses-after", null, SUCCESS, "2026-11-02T14:00:00Z");
        // Java reads the year 300000; PostgreSQL's timestamptz ends in 294276.
        String farFuture = new String(TASK_RUNS.valueSerde().serializer().serialize("", Events.run("db-refuses",
                null, SUCCESS, "2026-11-02T14:00:00Z")), StandardCharsets.UTF_8)
                .replaceFirst("\"finished_at\":\"[^\"]+\"", "\"finished_at\":\"+300000-01-01T00:00:00Z\"");
        ConsumerRecord<byte[], byte[]> refusedByDb = new ConsumerRecord<>(TASK_RUNS.name(), 2, 11, new byte[] {1},
                farFuture.getBytes(StandardCharsets.UTF_8));

        int refused = writer.write(List.of(record(TASK_RUNS, 2, 10, before.monitorId(), before), refusedByDb,
                record(TASK_RUNS, 2, 12, after.monitorId(), after)));

        assertThat(refused).isEqualTo(1);
        assertThat(deadLetters).singleElement().satisfies(r -> {
            assertThat(r.record().offset()).isEqualTo(11);
            assertThat(r.reason()).startsWith("the database refused it");
        });
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key like 'db-refuses%'")).isEqualTo(2);
        assertThat(writer.committedOffsets()).contains(new PartitionOffset(TASK_RUNS.name(), 2, 13));
    }

    @Test
    void shouldWriteNothingWhenAnotherWriterMovedTheOffsetsMeanwhile() {
        TaskRunReported first = Events.run("fenced", null, SUCCESS, "2026-11-02T15:00:00Z");
        TaskRunReported zombie = Events.run("fenced-zombie", null, SUCCESS, "2026-11-02T15:00:00Z");
        TopicPartition partition = new TopicPartition(TASK_RUNS.name(), 5);
        writer.write(ProjectedBatch.of(List.of(record(TASK_RUNS, 5, 0, first.monitorId(), first))), Map.of());

        // An instance that still believes partition 5 is unread, e.g. one that lost it to a rebalance.
        ProjectedBatch stale = ProjectedBatch.of(List.of(record(TASK_RUNS, 5, 0, zombie.monitorId(), zombie)));
        assertThatThrownBy(() -> writer.write(stale, Map.of()))
                .isInstanceOf(ReadModelWriter.OffsetsMovedException.class);
        ProjectedBatch behind = ProjectedBatch.of(List.of(record(TASK_RUNS, 5, 0, zombie.monitorId(), zombie)));
        assertThatThrownBy(() -> writer.write(behind, Map.of(partition, 0L)))
                .isInstanceOf(ReadModelWriter.OffsetsMovedException.class);

        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'fenced-zombie'")).isZero();
        assertThat(writer.committedOffsets()).contains(new PartitionOffset(TASK_RUNS.name(), 5, 1));
    }
}
