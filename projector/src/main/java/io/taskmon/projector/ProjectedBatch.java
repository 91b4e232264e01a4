package io.taskmon.projector;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows one poll of records turns into, folded so that each table gets at most one row per
 * key (the newest status of a monitor, a run's start merged with its finish, the last totals of
 * an hour), the records that were refused, and the offsets the batch advances to.
 */
final class ProjectedBatch {

    record RunKey(UUID monitorId, String runId) {
    }

    record HourKey(UUID monitorId, Instant hourStart) {
    }

    record BatchKey(UUID jobRunId, long batchNumber) {
    }

    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    final Map<RunKey, TaskRunRow> runs = new LinkedHashMap<>();
    final Map<UUID, TaskMonitorRow> monitors = new LinkedHashMap<>();
    /** Monitors deleted over the admin API: their rows go before this batch's rows are written. */
    final Set<UUID> deletedMonitors = new LinkedHashSet<>();
    final List<MonitorFlipRow> flips = new ArrayList<>();
    final Map<UUID, AlertRow> alerts = new LinkedHashMap<>();
    final Map<HourKey, MonitorStatsHourlyRow> stats = new LinkedHashMap<>();
    final Map<UUID, EtlJobRunRow> etlJobs = new LinkedHashMap<>();
    final Map<BatchKey, EtlJobBatchRow> etlBatches = new LinkedHashMap<>();
    final List<EtlImportErrorRow> importErrors = new ArrayList<>();
    final List<DeadLetterRow> deadLetters = new ArrayList<>();
    final Map<UUID, NotificationDeliveryRow> deliveries = new LinkedHashMap<>();
    final List<RefusedRecord> refused = new ArrayList<>();
    /**
     * Dead letters that cannot be read: logged and skipped with their offset, never dead-lettered
     * again, which could feed the topic its own records for ever.
     */
    final List<RefusedRecord> unreadableDeadLetters = new ArrayList<>();
    /** Per partition, the offset to read next once this batch is stored. */
    final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();

    /** Projects the records; the next offsets are those after each partition's last record. */
    static ProjectedBatch of(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        ProjectedBatch batch = new ProjectedBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record);
        }
        return batch;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        records.add(record);
        nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        try {
            RecordProjection.project(record, this);
        } catch (RecordProjection.UnreadableRecordException e) {
            RefusedRecord refusal = new RefusedRecord(record, e.getMessage());
            (refusal.isDeadLetter() ? unreadableDeadLetters : refused).add(refusal);
        }
    }

    boolean hasRows() {
        return !deletedMonitors.isEmpty() || !runs.isEmpty() || !monitors.isEmpty() || !flips.isEmpty()
                || !alerts.isEmpty() || !stats.isEmpty() || !etlJobs.isEmpty() || !etlBatches.isEmpty()
                || !importErrors.isEmpty() || !deadLetters.isEmpty() || !deliveries.isEmpty();
    }

    void addRun(TaskRunRow row) {
        runs.merge(new RunKey(row.monitorId(), row.runId()), row, TaskRunRow::followedBy);
    }

    void addMonitor(TaskMonitorRow row) {
        monitors.remove(row.monitorId()); // re-inserted last, so rows keep the order of their newest status
        monitors.put(row.monitorId(), row);
    }

    /**
     * A deleted monitor: a status of it earlier in the batch is dropped; one later (a report
     * after the delete) is kept and written after the deletion, so the monitor starts afresh.
     */
    void deleteMonitor(UUID monitorId) {
        monitors.remove(monitorId);
        deletedMonitors.add(monitorId);
    }

    void addFlip(MonitorFlipRow row) {
        flips.add(row);
    }

    void addAlert(AlertRow row) {
        alerts.putIfAbsent(row.alertId(), row);
    }

    void addStats(MonitorStatsHourlyRow row) {
        stats.put(new HourKey(row.monitorId(), row.hourStart()), row);
    }

    void addEtlJob(EtlJobRunRow row) {
        etlJobs.put(row.jobRunId(), row);
    }

    void addEtlBatch(EtlJobBatchRow row) {
        etlBatches.put(new BatchKey(row.jobRunId(), row.batchNumber()), row);
    }

    void addImportError(EtlImportErrorRow row) {
        importErrors.add(row);
    }

    /** A delivery's steps fold to the one furthest along, as the table's upsert would keep it. */
    void addDelivery(NotificationDeliveryRow row) {
        deliveries.merge(row.deliveryId(), row, NotificationDeliveryRow::furthest);
    }

    void addDeadLetter(DeadLetterRow row) {
        deadLetters.add(row);
    }
}
