package io.taskmon.projector;

import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topic;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Events and consumer records for projector tests. */
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

    static MonitorStatus status(TaskRunReported run, int streak, long totalRuns) {
        return new MonitorStatus(MonitorStatus.SCHEMA_VERSION, run.monitorId(), run.taskKey(), run.taskName(),
                run.kind(), run.machineName(), run.status(), run.eventId(), run.runId(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.exitCode(), run.message(), run.logUrl(), run.receivedAt(),
                null, run.finishedAt(), streak, totalRuns, streak, MonitorHealth.FAILING, null, 3, AlertState.NONE, null,
                null, true, null);
    }

    static <V> ConsumerRecord<byte[], byte[]> record(Topic<UUID, V> topic, int partition, long offset, UUID key, V value) {
        return new ConsumerRecord<>(topic.name(), partition, offset,
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }
}
