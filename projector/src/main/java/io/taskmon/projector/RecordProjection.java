package io.taskmon.projector;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlTotals;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RowRejection;
import io.taskmon.events.RunStatus;
import io.taskmon.events.StorableText;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import io.taskmon.readmodel.AlertRow;
import io.taskmon.readmodel.DeadLetterRow;
import io.taskmon.readmodel.EtlImportErrorRow;
import io.taskmon.readmodel.EtlJobBatchRow;
import io.taskmon.readmodel.EtlJobRunRow;
import io.taskmon.readmodel.MonitorFlipRow;
import io.taskmon.readmodel.MonitorStatsHourlyRow;
import io.taskmon.readmodel.NotificationDeliveryRow;
import io.taskmon.readmodel.TaskMonitorRow;
import io.taskmon.readmodel.TaskRunRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one record of a projected topic into read-model rows. A record that cannot be read, or
 * lacks what its rows need, is refused with one sentence saying why.
 */
final class RecordProjection {

    /** The topics the projector reads. */
    static final List<Topic<?, ?>> TOPICS = List.of(Topics.TASK_RUNS, Topics.MONITOR_STATUS, Topics.MONITOR_FLIPS,
            Topics.ALERTS, Topics.MONITOR_STATS, Topics.ETL_JOBS, Topics.ETL_PROGRESS, Topics.DEAD_LETTER,
            Topics.NOTIFICATIONS);

    private RecordProjection() {
    }

    static final class UnreadableRecordException extends Exception {
        UnreadableRecordException(String reason) {
            super(reason);
        }
    }

    static void project(ConsumerRecord<byte[], byte[]> record, ProjectedBatch batch) throws UnreadableRecordException {
        String topic = record.topic();
        if (record.value() == null && topic.equals(Topics.MONITOR_STATUS.name())) {
            // monitor-streams forgot a deleted monitor: its rows go too
            batch.deleteMonitor(monitorKey(record));
            return;
        }
        if (record.value() == null) {
            return; // a tombstone of a compacted topic: nothing to project, nothing lost
        }
        if (topic.equals(Topics.TASK_RUNS.name())) {
            TaskRunReported run = read(Topics.TASK_RUNS, record);
            batch.addRun(runRow(run, rawJson(record.value())));
        } else if (topic.equals(Topics.MONITOR_STATUS.name())) {
            batch.addMonitor(monitorRow(read(Topics.MONITOR_STATUS, record)));
        } else if (topic.equals(Topics.MONITOR_FLIPS.name())) {
            batch.addFlip(flipRow(read(Topics.MONITOR_FLIPS, record)));
        } else if (topic.equals(Topics.ALERTS.name())) {
            batch.addAlert(alertRow(read(Topics.ALERTS, record)));
        } else if (topic.equals(Topics.MONITOR_STATS.name())) {
            batch.addStats(statsRow(read(Topics.MONITOR_STATS, record)));
        } else if (topic.equals(Topics.ETL_JOBS.name())) {
            batch.addEtlJob(etlJobRow(read(Topics.ETL_JOBS, record)));
        } else if (topic.equals(Topics.ETL_PROGRESS.name())) {
            projectProgress(read(Topics.ETL_PROGRESS, record), batch);
        } else if (topic.equals(Topics.NOTIFICATIONS.name())) {
            batch.addDelivery(deliveryRow(read(Topics.NOTIFICATIONS, record)));
        } else if (topic.equals(Topics.DEAD_LETTER.name())) {
            batch.addDeadLetter(deadLetterRow(read(Topics.DEAD_LETTER, record), record.key()));
        } else {
            throw new UnreadableRecordException("the projector does not read topic " + topic);
        }
    }

    private static <V> V read(Topic<?, V> topic, ConsumerRecord<byte[], byte[]> record) throws UnreadableRecordException {
        try {
            V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            if (value == null) {
                throw new UnreadableRecordException("the value is JSON null");
            }
            return value;
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(e.getMessage());
        }
    }

    private static UUID monitorKey(ConsumerRecord<byte[], byte[]> record) throws UnreadableRecordException {
        require(record.key() != null, "the status tombstone has no key; it must be the deleted monitor's id");
        try {
            return Topics.MONITOR_STATUS.keySerde().deserializer().deserialize(record.topic(), record.key());
        } catch (RuntimeException e) {
            throw new UnreadableRecordException("the status tombstone's key is not a monitor id: " + e.getMessage());
        }
    }

    private static void require(boolean present, String what) throws UnreadableRecordException {
        if (!present) {
            throw new UnreadableRecordException(what);
        }
    }

    private static TaskRunRow runRow(TaskRunReported run, String raw) throws UnreadableRecordException {
        require(run.eventId() != null && run.monitorId() != null && run.taskKey() != null && run.kind() != null
                        && run.status() != null && run.receivedAt() != null,
                "run event lacks event_id, monitor_id, task_key, kind, status or received_at");
        String runId = run.runId() == null ? run.eventId().toString() : run.runId();
        // A queued run has not started: the time its report names is when it was queued.
        boolean queued = run.status() == RunStatus.PENDING;
        Instant queuedAt = !queued ? null : run.startedAt() != null ? run.startedAt() : run.receivedAt();
        return new TaskRunRow(run.monitorId(), runId, run.eventId(), run.taskKey(), run.kind(), run.machineName(),
                run.status().wireName(), queued ? null : run.startedAt(), run.finishedAt(), run.durationMs(),
                run.exitCode(), run.message(), run.logUrl(), run.receivedAt(), raw, run.recordsProcessed(),
                run.recordsFailed(), run.attempt(), run.maxAttempts(), run.externalId(), json(run.labels()),
                queuedAt, null);
    }

    private static TaskMonitorRow monitorRow(MonitorStatus s) throws UnreadableRecordException {
        require(s.monitorId() != null && s.taskKey() != null && s.taskName() != null && s.kind() != null,
                "status event lacks monitor_id, task_key, task_name or kind");
        // The identity index would refuse the row anyway; saying so here names the real problem.
        require(s.monitorId().equals(MonitorId.of(s.taskKey(), s.kind(), s.machineName())),
                "status event's monitor_id is not the id of its task_key, kind and machine_name");
        // A monitor created ahead of its first run has no last status.
        require(s.lastStatus() != null || s.health() != null, "status event lacks both last_status and health");
        MonitorHealth health = s.health() != null ? s.health() : healthOf(s.lastStatus());
        AlertState alertState = s.alertState() != null ? s.alertState() : AlertState.NONE;
        return new TaskMonitorRow(s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(), s.enabled(),
                s.lastStatus() == null ? null : s.lastStatus().wireName(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), s.totalRuns(), s.totalFailures(),
                health.wireName(), s.streakStartedAt(), s.alertAfterFailures(), alertState.wireName(),
                s.openAlertId(), s.lastAlertAt(), s.lastRecordsProcessed(),
                s.monitorConfig() == null ? null : json(s.monitorConfig()), s.nextExpectedAt(),
                s.labels() == null ? "{}" : json(s.labels()), null, null);
    }

    /** Statuses from before health was tracked: what the last status says. */
    private static MonitorHealth healthOf(RunStatus status) {
        return switch (status) {
            case SUCCESS -> MonitorHealth.UP;
            case FAILED -> MonitorHealth.FAILING;
            case RUNNING, PENDING -> MonitorHealth.NEW;
        };
    }

    private static MonitorFlipRow flipRow(MonitorFlip f) throws UnreadableRecordException {
        require(f.monitorId() != null && f.eventId() != null && f.oldHealth() != null && f.newHealth() != null
                        && f.flippedAt() != null,
                "flip event lacks monitor_id, event_id, old_health, new_health or flipped_at");
        return new MonitorFlipRow(f.monitorId(), f.eventId(), f.oldHealth().wireName(), f.newHealth().wireName(),
                Objects.requireNonNullElse(f.reason(), ""), f.flippedAt());
    }

    private static AlertRow alertRow(Alert a) throws UnreadableRecordException {
        require(a.alertId() != null && a.type() != null && a.raisedAt() != null && a.summary() != null,
                "alert event lacks alert_id, type, raised_at or summary");
        return new AlertRow(a.alertId(), a.type().wireName(), a.monitorId(), a.jobRunId(), a.taskKey(),
                a.taskName(), a.kind(), a.machineName(), a.jobName(), a.consecutiveFailures(), a.threshold(),
                a.firstFailureAt(), a.lastFailureAt(), a.lastMessage(), a.lastExitCode(), a.resolvesAlertId(),
                a.summary(), a.raisedAt(), null, null);
    }

    private static NotificationDeliveryRow deliveryRow(Delivery d) throws UnreadableRecordException {
        require(d.deliveryId() != null && d.alertId() != null && d.channelId() != null && d.state() != null
                        && d.recordedAt() != null,
                "delivery event lacks delivery_id, alert_id, channel_id, state or recorded_at");
        require(d.attempts() >= 0, "delivery event's attempts is negative");
        // The id is derived from the alert and the channel; a row under another id would be a delivery nobody made.
        require(d.deliveryId().equals(Delivery.idOf(d.alertId(), d.channelId())),
                "delivery event's delivery_id is not the id of its alert_id and channel_id");
        return new NotificationDeliveryRow(d.deliveryId(), d.alertId(), d.channelId(), d.channelName(),
                d.state().wireName(), d.attempts(), d.lastError(), d.firstOwedAt(),
                d.state().isFinal() ? null : d.nextAttemptAt(),
                d.state() == DeliveryState.DELIVERED ? d.recordedAt() : null, d.recordedAt());
    }

    private static MonitorStatsHourlyRow statsRow(MonitorStatsHourly s) throws UnreadableRecordException {
        require(s.monitorId() != null && s.hourStart() != null, "stats event lacks monitor_id or hour_start");
        return new MonitorStatsHourlyRow(s.monitorId(), s.hourStart(), s.runs(), s.failures(), s.totalDurationMs(),
                s.maxDurationMs(), s.recordsProcessed());
    }

    private static EtlJobRunRow etlJobRow(EtlJobStatus j) throws UnreadableRecordException {
        require(j.jobRunId() != null && j.jobName() != null && j.status() != null,
                "ETL job status lacks job_run_id, job_name or status");
        EtlTotals totals = j.totals() != null ? j.totals() : EtlTotals.ZERO;
        AlertState alertState = j.alertState() != null ? j.alertState() : AlertState.NONE;
        return new EtlJobRunRow(j.jobRunId(), j.jobName(), j.source(), j.mode(), j.machineName(),
                j.status().wireName(), j.startedAt(), j.finishedAt(), j.lastEventAt(), j.currentBatch(),
                j.lastSuccessfulBatch(), totals.rowsRead(), totals.rowsLoaded(), totals.rowsFailed(),
                totals.rowsDuplicated(), totals.batches(), j.rowsPerSecond(), j.totalBytes(), j.bytesRead(),
                j.errorMessage(), alertState.wireName(), j.openAlertId(), null);
    }

    /**
     * The dead letter's key is the refused record's own key, kept so a replay publishes the
     * record as it was. Its text is made storable: a refused record is often not text at all.
     */
    private static DeadLetterRow deadLetterRow(DeadLetter d, byte[] sourceKey) throws UnreadableRecordException {
        require(d.sourceTopic() != null && d.consumer() != null && d.failedAt() != null,
                "dead letter lacks source_topic, consumer or failed_at");
        return new DeadLetterRow(null, StorableText.of(d.sourceTopic()), d.sourcePartition(), d.sourceOffset(),
                StorableText.of(d.consumer()), StorableText.of(Objects.requireNonNullElse(d.reason(), "")),
                StorableText.of(d.rawValue()), d.rawValueBase64(), sourceKey, d.schemaVersion(), d.failedAt(), null);
    }

    /** Batches and their rejected rows; the job's own state comes from the ETL jobs topic. */
    private static void projectProgress(EtlProgress progress, ProjectedBatch batch) throws UnreadableRecordException {
        require(progress.jobRunId() != null && progress.at() != null, "ETL progress event lacks job_run_id or at");
        if (progress instanceof EtlProgress.BatchCompleted done) {
            batch.addEtlBatch(new EtlJobBatchRow(done.jobRunId(), done.batchNumber(), "completed", done.rowsRead(),
                    done.rowsLoaded(), done.rowsFailed(), done.rowsDuplicated(), done.durationMs(), null, null,
                    done.at()));
            for (RowRejection rejection : done.rejections()) {
                require(rejection != null && rejection.errorType() != null,
                        "ETL batch rejection lacks error_type");
                batch.addImportError(new EtlImportErrorRow(done.jobRunId(), done.batchNumber(), rejection.lineNumber(),
                        rejection.errorType(), Objects.requireNonNullElse(rejection.message(), ""),
                        rejection.rawRow()));
            }
        } else if (progress instanceof EtlProgress.BatchFailed failed) {
            batch.addEtlBatch(new EtlJobBatchRow(failed.jobRunId(), failed.batchNumber(), "failed", failed.rowsRead(),
                    0, 0, 0, null, failed.errorMessage(), failed.failedRowsFile(), failed.at()));
        }
    }

    /**
     * The event as published, for the jsonb column. PostgreSQL's jsonb cannot hold the escape
     * {@code \u0000}; it becomes U+FFFD rather than costing the run.
     */
    private static String rawJson(byte[] value) {
        String raw = new String(value, StandardCharsets.UTF_8);
        return raw.contains("\\u0000") ? raw.replace("\\u0000", "\\ufffd") : raw;
    }

    private static String json(Object value) throws UnreadableRecordException {
        try {
            String text = EventJson.mapper().writeValueAsString(value);
            return text.contains("\\u0000") ? text.replace("\\u0000", "\\ufffd") : text;
        } catch (JsonProcessingException e) {
            throw new UnreadableRecordException("cannot write " + value + " as JSON: " + e.getMessage());
        }
    }
}
