package io.taskmon.projector;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.AlertType;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlTotals;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RowRejection;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Events and consumer records for projector tests, as the producers (gateway, monitor-streams, etl-worker) write them. */
final class Events {

    private Events() {
    }

    static TaskRunReported run(String taskKey, String runId, RunStatus status, String at) {
        Instant time = Instant.parse(at);
        UUID eventId = UUID.randomUUID();
        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, runId == null ? eventId.toString() : runId,
                MonitorId.of(taskKey, "python", "WEB-01"), taskKey, "日次集計 " + taskKey, "python", "WEB-01", status,
                time.minusSeconds(60), status.isFinished() ? time : null, status.isFinished() ? 60_000L : null,
                status == RunStatus.FAILED ? 2 : null, status == RunStatus.FAILED ? "接続エラー" : null,
                null, time.plusSeconds(1), null, null, null, null, null, null, null);
    }

    /** A run with every optional field the gateway accepts. */
    static TaskRunReported etlRun(String taskKey, String at) {
        Instant time = Instant.parse(at);
        UUID eventId = UUID.randomUUID();
        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, "celery-" + eventId,
                MonitorId.of(taskKey, "etl", ""), taskKey, "氣象資料 " + taskKey, "etl", null, RunStatus.FAILED,
                time.minusSeconds(30), time, 30_000L, 1, "timeout\tafter 30 s\nretrying", "https://logs/1",
                time.plusSeconds(1), 1_500L, 3L, 2, 5, "job-42", Map.of("county", "屏東縣"), 4);
    }

    static MonitorStatus status(TaskRunReported run, int streak, long totalRuns) {
        return new MonitorStatus(MonitorStatus.SCHEMA_VERSION, run.monitorId(), run.taskKey(), run.taskName(),
                run.kind(), run.machineName(), run.status(), run.eventId(), run.runId(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.exitCode(), run.message(), run.logUrl(), run.receivedAt(),
                null, run.finishedAt(), streak, totalRuns, streak, MonitorHealth.FAILING, null, 3, AlertState.NONE, null,
                null, true, null);
    }

    static MonitorStatus alertingStatus(TaskRunReported run, UUID openAlertId) {
        return new MonitorStatus(MonitorStatus.SCHEMA_VERSION, run.monitorId(), run.taskKey(), run.taskName(),
                run.kind(), run.machineName(), run.status(), run.eventId(), run.runId(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.exitCode(), run.message(), run.logUrl(), run.receivedAt(),
                null, run.finishedAt(), 4, 10, 6, MonitorHealth.FAILING, run.finishedAt().minusSeconds(3600), 4,
                AlertState.ALERTING, openAlertId, run.finishedAt(), false, 1_500L);
    }

    static MonitorFlip flip(UUID monitorId, MonitorHealth from, MonitorHealth to, String at) {
        return new MonitorFlip(MonitorFlip.SCHEMA_VERSION, monitorId, UUID.randomUUID(), from, to,
                "run failed with exit code 2", Instant.parse(at));
    }

    static Alert failing(TaskRunReported run, String at) {
        return new Alert(Alert.SCHEMA_VERSION, UUID.randomUUID(), AlertType.FAILING, run.monitorId(), null,
                run.taskKey(), run.taskName(), run.kind(), run.machineName(), null, 3, 3,
                Instant.parse(at).minusSeconds(7200), Instant.parse(at), "接続エラー", 2, null, Instant.parse(at),
                run.taskKey() + " failed 3 times in a row");
    }

    static Alert recovered(Alert failing, String at) {
        return new Alert(Alert.SCHEMA_VERSION, UUID.randomUUID(), AlertType.RECOVERED, failing.monitorId(),
                failing.jobRunId(), failing.taskKey(), failing.taskName(), failing.kind(), failing.machineName(),
                failing.jobName(), null, null, null, null, null, null, failing.alertId(), Instant.parse(at),
                failing.taskKey() + " recovered");
    }

    static Alert etlFailed(UUID jobRunId, String at) {
        return new Alert(Alert.SCHEMA_VERSION, UUID.randomUUID(), AlertType.ETL_FAILED, null, jobRunId,
                null, null, null, null, "tax-registration", null, null, Instant.parse(at), null,
                "COPY failed", null, null, Instant.parse(at), "tax-registration failed");
    }

    static MonitorStatsHourly stats(UUID monitorId, String hour, long runs, long failures) {
        return new MonitorStatsHourly(MonitorStatsHourly.SCHEMA_VERSION, monitorId, Instant.parse(hour), runs,
                failures, runs * 1_000, 2_000, runs * 10);
    }

    static EtlJobStatus etlJob(UUID jobRunId, EtlJobState state, long batches, String at) {
        Instant time = Instant.parse(at);
        return new EtlJobStatus(EtlJobStatus.SCHEMA_VERSION, jobRunId, "tax-registration", "BGMOPEN1.csv", "full",
                "ETL-01", state, time.minusSeconds(600), state.isFinished() ? time : null, time, batches, batches,
                new EtlTotals(batches * 1000, batches * 990, batches * 7, batches * 3, batches), 1650.5,
                1_600_000_000L, batches * 100_000L, state == EtlJobState.FAILED ? "disk full" : null,
                AlertState.NONE, null);
    }

    static EtlProgress.BatchCompleted batchCompleted(UUID jobRunId, long batch, String at, RowRejection... rejections) {
        return new EtlProgress.BatchCompleted(EtlProgress.SCHEMA_VERSION, jobRunId, Instant.parse(at), batch, 1000,
                990, 7, 3, 850, new EtlTotals(batch * 1000, batch * 990, batch * 7, batch * 3, batch), batch * 100_000L,
                List.of(rejections), 0);
    }

    static EtlProgress.BatchFailed batchFailed(UUID jobRunId, long batch, String at) {
        return new EtlProgress.BatchFailed(EtlProgress.SCHEMA_VERSION, jobRunId, Instant.parse(at), batch, 1000,
                "duplicate key in staging", "/var/taskmon/failed/batch-" + batch + ".csv");
    }

    static <V> ConsumerRecord<byte[], byte[]> record(Topic<UUID, V> topic, int partition, long offset, UUID key, V value) {
        return new ConsumerRecord<>(topic.name(), partition, offset,
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    /** A dead letter as a consumer writes it, of a record whose value was {@code raw}. */
    static DeadLetter deadLetter(String sourceTopic, int partition, long offset, String reason, String raw) {
        byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, sourceTopic, partition, offset, "monitor-streams", reason,
                raw, java.util.Base64.getEncoder().encodeToString(bytes), Instant.parse("2026-11-07T03:00:00Z"));
    }

    static ConsumerRecord<byte[], byte[]> deadLetterRecord(long offset, byte[] key, DeadLetter letter) {
        return new ConsumerRecord<>(Topics.DEAD_LETTER.name(), 0, offset, key,
                Topics.DEAD_LETTER.valueSerde().serializer().serialize(Topics.DEAD_LETTER.name(), letter));
    }
}
