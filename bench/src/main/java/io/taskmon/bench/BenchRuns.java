package io.taskmon.bench;

import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Run events for benchmarks that write straight into the runs topic: one shape of run per
 * monitor number, sent without waiting, the first failed send kept. A lost run would make every
 * figure wrong (or a wait for it hang), so callers check after each burst.
 */
final class BenchRuns {

    static final String KIND = "shell";
    static final String MACHINE = "BENCH-01";

    private final Serializer<UUID> keys = Topics.TASK_RUNS.keySerde().serializer();
    private final Serializer<TaskRunReported> values = Topics.TASK_RUNS.valueSerde().serializer();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    /** Monitor {@code bench-task-N} on machine BENCH-01, a 30 s run ending at {@code finishedAt}. */
    static TaskRunReported run(int monitor, RunStatus status, Instant finishedAt) {
        String taskKey = "bench-task-" + monitor;
        UUID eventId = UUID.randomUUID();
        boolean failed = status == RunStatus.FAILED;
        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                MonitorId.of(taskKey, "shell", "BENCH-01"), taskKey, "Bench task " + monitor, "shell", "BENCH-01",
                status, finishedAt.minusSeconds(30), finishedAt, 30_000L, failed ? 1 : 0,
                failed ? "exit status 1: connection refused" : null, null, finishedAt.plusMillis(20),
                1000L + monitor, failed ? 3L : 0L, null, null, null, Map.of(), null);
    }

    /**
     * A successful run of monitor {@code taskKey}, received the moment it finished, carrying
     * {@code config} (null: none) as a report's {@code monitor_config}.
     */
    static TaskRunReported scheduledRun(String taskKey, Instant startedAt, Instant finishedAt, MonitorConfig config) {
        UUID eventId = UUID.randomUUID();
        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                MonitorId.of(taskKey, KIND, MACHINE), taskKey, taskKey, KIND, MACHINE, RunStatus.SUCCESS, startedAt,
                finishedAt, Duration.between(startedAt, finishedAt).toMillis(), 0, null, null, finishedAt, null, null,
                null, null, null, Map.of(), null, config);
    }

    void send(KafkaProducer<byte[], byte[]> producer, TaskRunReported run) {
        send(producer, run, null);
    }

    /** With the record time the gateway gives it (its receive time); {@code null}: the producer's clock. */
    void send(KafkaProducer<byte[], byte[]> producer, TaskRunReported run, Long timestampMs) {
        producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), null, timestampMs,
                keys.serialize("", run.monitorId()), values.serialize("", run)), (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
    }

    /** Stops at the first run that could not be sent. */
    void checkNothingLost() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a run could not be sent: " + failure.getMessage(), failure);
        }
    }
}
