package io.taskmon.projector;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.RUNNING;
import static io.taskmon.events.RunStatus.SUCCESS;
import static io.taskmon.events.Topics.MONITOR_STATUS;
import static io.taskmon.events.Topics.TASK_RUNS;
import static io.taskmon.projector.Events.record;
import static io.taskmon.projector.Events.run;
import static io.taskmon.projector.Events.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.TaskRunReported;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import io.taskmon.readmodel.TaskMonitorDao;
import io.taskmon.readmodel.TaskMonitorRow;
import io.taskmon.readmodel.TaskRunDao;
import io.taskmon.readmodel.TaskRunRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadModelWriterTest {

    private static final List<RefusedRecord> deadLetters = new CopyOnWriteArrayList<>();
    private static ReadModelDatabase db;
    private static ReadModelWriter writer;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("writer_test");
        writer = new ReadModelWriter(db.jdbi, "writer-test", deadLetters::addAll);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldStoreRunsAndLatestStatusWithTheOffsetsThatFollowThem() {
        TaskRunReported run = run("store-once", null, FAILED, "2026-11-01T02:00:00Z");
        writer.write(List.of(
                record(TASK_RUNS, 0, 41, run.monitorId(), run),
                record(MONITOR_STATUS, 1, 7, run.monitorId(), status(run, 1, 1))));

        TaskRunRow row = db.jdbi.onDemand(TaskRunDao.class).find(run.monitorId(), run.runId()).orElseThrow();
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.exitCode()).isEqualTo(2);
        assertThat(row.message()).isEqualTo("接続エラー");
        assertThat(row.finishedAt()).isEqualTo(run.finishedAt());
        assertThat(row.raw()).contains("\"task_name\": \"日次集計 store-once\"");

        TaskMonitorRow monitor = db.jdbi.onDemand(TaskMonitorDao.class).find(run.monitorId()).orElseThrow();
        assertThat(monitor.lastStatus()).isEqualTo("failed");
        assertThat(monitor.taskName()).isEqualTo("日次集計 store-once");
        assertThat(monitor.machineName()).isEqualTo("WEB-01");
        assertThat(monitor.consecutiveFailures()).isEqualTo(1);
        assertThat(monitor.enabled()).isTrue();

        assertThat(writer.committedOffsets()).contains(
                new PartitionOffset(TASK_RUNS.name(), 0, 42), new PartitionOffset(MONITOR_STATUS.name(), 1, 8));
    }

    @Test
    void shouldWriteAReplayedBatchOnlyOnce() {
        TaskRunReported run = run("replayed", null, SUCCESS, "2026-11-01T02:00:00Z");
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(record(TASK_RUNS, 2, 5, run.monitorId(), run));
        writer.write(batch);
        writer.write(batch);

        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'replayed'")).isEqualTo(1);
    }

    @Test
    void shouldCompleteARunningRowInPlaceAndNeverReopenIt() {
        TaskRunReported started = run("long-job", "run-7", RUNNING, "2026-11-01T02:00:00Z");
        TaskRunReported finished = run("long-job", "run-7", SUCCESS, "2026-11-01T02:30:00Z");
        writer.write(List.of(record(TASK_RUNS, 0, 100, started.monitorId(), started)));
        writer.write(List.of(record(TASK_RUNS, 0, 101, finished.monitorId(), finished)));
        // A start signal replayed or delivered late must not turn the finished run back.
        writer.write(List.of(record(TASK_RUNS, 0, 102, started.monitorId(), started)));

        TaskRunRow row = db.jdbi.onDemand(TaskRunDao.class).find(started.monitorId(), "run-7").orElseThrow();
        assertThat(row.status()).isEqualTo("success");
        assertThat(row.eventId()).isEqualTo(finished.eventId());
        assertThat(row.finishedAt()).isEqualTo(finished.finishedAt());
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'long-job'")).isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyTheNewestStatusOfAMonitorWithinABatch() {
        TaskRunReported first = run("flapping", null, FAILED, "2026-11-01T01:00:00Z");
        TaskRunReported second = run("flapping", null, SUCCESS, "2026-11-01T02:00:00Z");
        writer.write(List.of(
                record(MONITOR_STATUS, 0, 10, first.monitorId(), status(first, 1, 1)),
                record(MONITOR_STATUS, 0, 11, second.monitorId(), status(second, 0, 2))));

        TaskMonitorRow monitor = db.jdbi.onDemand(TaskMonitorDao.class).find(first.monitorId()).orElseThrow();
        assertThat(monitor.lastStatus()).isEqualTo("success");
        assertThat(monitor.totalRuns()).isEqualTo(2);
        assertThat(db.count("select count(*) from taskmon.task_monitors where task_key = 'flapping'")).isEqualTo(1);
    }

    @Test
    void shouldSkipUnreadableRecordsButMovePastThem() {
        TaskRunReported good = run("after-poison", null, SUCCESS, "2026-11-01T02:00:00Z");
        ConsumerRecord<byte[], byte[]> garbage = new ConsumerRecord<>(TASK_RUNS.name(), 2, 500,
                new byte[] {1}, "{oops".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> incomplete = new ConsumerRecord<>(TASK_RUNS.name(), 2, 501,
                new byte[] {1}, "{\"schema_version\":1,\"task_key\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        // A status tombstone deletes its monitor; one of a monitor never stored deletes nothing.
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>(MONITOR_STATUS.name(), 2, 9,
                MONITOR_STATUS.keySerde().serializer().serialize(MONITOR_STATUS.name(), UUID.randomUUID()), null);

        int skipped = writer.write(List.of(garbage, incomplete, tombstone, record(TASK_RUNS, 2, 502, good.monitorId(), good)));

        assertThat(skipped).isEqualTo(2);
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'after-poison'")).isEqualTo(1);
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'x'")).isZero();
        assertThat(writer.committedOffsets()).contains(
                new PartitionOffset(TASK_RUNS.name(), 2, 503), new PartitionOffset(MONITOR_STATUS.name(), 2, 10));
    }
}
