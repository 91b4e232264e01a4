package io.taskmon.projector;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.PENDING;
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
import java.time.Duration;
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

    @Test
    void shouldRecordTheQueueWaitFromPendingToRunningAndKeepItThroughTheFinish() {
        TaskRunReported queued = run("queued-job", "run-q1", PENDING, "2026-11-01T03:00:00Z");
        TaskRunReported started = run("queued-job", "run-q1", RUNNING, "2026-11-01T03:07:30Z");
        TaskRunReported finished = run("queued-job", "run-q1", SUCCESS, "2026-11-01T03:20:00Z");
        writer.write(List.of(record(TASK_RUNS, 0, 200, queued.monitorId(), queued)));

        TaskRunDao runs = db.jdbi.onDemand(TaskRunDao.class);
        TaskRunRow waiting = runs.find(queued.monitorId(), "run-q1").orElseThrow();
        assertThat(waiting.status()).isEqualTo("pending");
        assertThat(waiting.queuedAt()).isEqualTo(queued.startedAt());
        assertThat(waiting.startedAt()).isNull();
        assertThat(waiting.queueWaitMs()).isNull();

        writer.write(List.of(record(TASK_RUNS, 0, 201, started.monitorId(), started)));
        long expectedWait = Duration.between(queued.startedAt(), started.startedAt()).toMillis();
        TaskRunRow running = runs.find(queued.monitorId(), "run-q1").orElseThrow();
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.queueWaitMs()).isEqualTo(expectedWait);

        writer.write(List.of(record(TASK_RUNS, 0, 202, finished.monitorId(), finished)));
        // A late pending replay must neither reopen the run nor change its wait.
        writer.write(List.of(record(TASK_RUNS, 0, 203, queued.monitorId(), queued)));
        TaskRunRow done = runs.find(queued.monitorId(), "run-q1").orElseThrow();
        assertThat(done.status()).isEqualTo("success");
        assertThat(done.eventId()).isEqualTo(finished.eventId());
        assertThat(done.queuedAt()).isEqualTo(queued.startedAt());
        assertThat(done.queueWaitMs()).isEqualTo(expectedWait);
        assertThat(db.count("select count(*) from taskmon.task_runs where task_key = 'queued-job'")).isEqualTo(1);
    }

    @Test
    void shouldRecordTheQueueWaitWithinOneBatchAndUpToTheFinishWhenNoRunningCame() {
        TaskRunReported queuedA = run("queued-batch", "run-a", PENDING, "2026-11-01T04:00:00Z");
        TaskRunReported startedA = run("queued-batch", "run-a", RUNNING, "2026-11-01T04:02:15Z");
        TaskRunReported finishedA = run("queued-batch", "run-a", FAILED, "2026-11-01T04:09:00Z");
        TaskRunReported queuedB = run("queued-batch", "run-b", PENDING, "2026-11-01T05:00:00Z");
        TaskRunReported finishedB = run("queued-batch", "run-b", SUCCESS, "2026-11-01T05:45:00Z");
        writer.write(List.of(
                record(TASK_RUNS, 1, 300, queuedA.monitorId(), queuedA),
                record(TASK_RUNS, 1, 301, startedA.monitorId(), startedA),
                record(TASK_RUNS, 1, 302, finishedA.monitorId(), finishedA),
                record(TASK_RUNS, 1, 303, queuedB.monitorId(), queuedB)));
        writer.write(List.of(record(TASK_RUNS, 1, 304, finishedB.monitorId(), finishedB)));

        TaskRunDao runs = db.jdbi.onDemand(TaskRunDao.class);
        TaskRunRow a = runs.find(queuedA.monitorId(), "run-a").orElseThrow();
        assertThat(a.status()).isEqualTo("failed");
        assertThat(a.queueWaitMs()).isEqualTo(Duration.between(queuedA.startedAt(), startedA.startedAt()).toMillis());
        TaskRunRow b = runs.find(queuedB.monitorId(), "run-b").orElseThrow();
        assertThat(b.status()).isEqualTo("success");
        assertThat(b.queueWaitMs()).isEqualTo(Duration.between(queuedB.startedAt(), finishedB.startedAt()).toMillis());
    }

    @Test
    void shouldRecordNoQueueWaitForARunNeverReportedPending() {
        TaskRunReported started = run("never-queued", "run-n", RUNNING, "2026-11-01T06:00:00Z");
        TaskRunReported finished = run("never-queued", "run-n", SUCCESS, "2026-11-01T06:10:00Z");
        writer.write(List.of(record(TASK_RUNS, 0, 400, started.monitorId(), started)));
        writer.write(List.of(record(TASK_RUNS, 0, 401, finished.monitorId(), finished)));

        TaskRunRow row = db.jdbi.onDemand(TaskRunDao.class).find(started.monitorId(), "run-n").orElseThrow();
        assertThat(row.status()).isEqualTo("success");
        assertThat(row.queuedAt()).isNull();
        assertThat(row.queueWaitMs()).isNull();
    }
}
