package io.taskmon.projector;

import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import io.taskmon.projector.db.TaskMonitorRow;
import io.taskmon.projector.db.TaskRunRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows one poll of records turns into, with the offsets they advance to. Records that
 * cannot be read are logged and skipped, but their offsets still advance: a poison record
 * must never stop the read model.
 */
final class ProjectedBatch {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectedBatch.class);

    final List<TaskRunRow> runs = new ArrayList<>();
    /** Only the newest status of each monitor in the batch is worth writing. */
    final Map<UUID, TaskMonitorRow> monitors = new LinkedHashMap<>();
    final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
    int skipped;

    static ProjectedBatch of(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        ProjectedBatch batch = new ProjectedBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record);
            batch.nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        return batch;
    }

    List<PartitionOffset> offsets() {
        List<PartitionOffset> offsets = new ArrayList<>();
        nextOffsets.forEach((tp, next) -> offsets.add(new PartitionOffset(tp.topic(), tp.partition(), next)));
        return offsets;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: nothing to project
        }
        try {
            if (record.topic().equals(Topics.TASK_RUNS.name())) {
                TaskRunReported run = Topics.TASK_RUNS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                requireComplete(run);
                runs.add(toRow(run, new String(record.value(), StandardCharsets.UTF_8)));
            } else if (record.topic().equals(Topics.MONITOR_STATUS.name())) {
                MonitorStatus status = Topics.MONITOR_STATUS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                requireComplete(status);
                monitors.put(status.monitorId(), toRow(status));
            }
        } catch (RuntimeException e) {
            skipped++;
            LOG.warn("Skipping unreadable record {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private static void requireComplete(TaskRunReported run) {
        if (run.eventId() == null || run.monitorId() == null || run.taskKey() == null || run.kind() == null
                || run.status() == null || run.receivedAt() == null) {
            throw new IllegalArgumentException("run event lacks event_id, monitor_id, task_key, kind, status or received_at");
        }
    }

    private static void requireComplete(MonitorStatus status) {
        if (status.monitorId() == null || status.taskKey() == null || status.taskName() == null
                || status.kind() == null || status.lastStatus() == null) {
            throw new IllegalArgumentException("status event lacks monitor_id, task_key, task_name, kind or last_status");
        }
    }

    private static TaskRunRow toRow(TaskRunReported run, String raw) {
        String runId = run.runId() == null ? run.eventId().toString() : run.runId();
        return new TaskRunRow(run.monitorId(), runId, run.eventId(), run.taskKey(), run.kind(), run.machineName(),
                run.status().wireName(), run.startedAt(), run.finishedAt(), run.durationMs(), run.exitCode(),
                run.message(), run.logUrl(), run.receivedAt(), raw);
    }

    private static TaskMonitorRow toRow(MonitorStatus s) {
        return new TaskMonitorRow(s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(), true,
                s.lastStatus().wireName(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), s.totalRuns(), s.totalFailures());
    }
}
