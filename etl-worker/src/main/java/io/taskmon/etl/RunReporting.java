package io.taskmon.etl;

import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.progress.ProgressBar;
import io.taskmon.etl.progress.ProgressPublisher;
import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RowRejection;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Tells each step of a run to everyone who follows it: a progress event, a JSON log line and
 * the progress bar, so that the three never disagree.
 */
final class RunReporting {

    /** The kind of the monitor a scheduled run reports to. */
    static final String MONITOR_KIND = "etl";

    private final ProgressPublisher events;
    private final JsonLog log;
    private final TaxRegistrationJob.Console console;
    private final String mode;
    private final String machineName;
    private final boolean progress;
    private final MonitorConfig monitorConfig;
    private ProgressBar bar;
    private Instant startedAt;

    /**
     * @param monitorConfig with {@code --schedule}: the run also reports itself as a run of its
     *                      monitor (task key = job name, kind {@code etl}) carrying this
     *                      configuration, so a scheduled run that never starts is MISSED; else null
     */
    RunReporting(ProgressPublisher events, JsonLog log, TaxRegistrationJob.Console console, String mode,
                 String machineName, boolean progress, MonitorConfig monitorConfig) {
        this.monitorConfig = monitorConfig;
        this.events = events;
        this.log = log;
        this.console = console;
        this.mode = mode;
        this.machineName = machineName;
        this.progress = progress;
    }

    ProgressPublisher events() {
        return events;
    }

    JsonLog log() {
        return log;
    }

    /** @param totalBytes null when the source's size is not known, or it could not be opened */
    void started(UUID id, RunPlan plan, Long totalBytes) {
        startedAt = Instant.now();
        reportRun(id, RunStatus.RUNNING, null, null, null, null, null);
        events.publish(new EtlProgress.JobStarted(EtlProgress.SCHEMA_VERSION, id, Instant.now(),
                TaxRegistrationJob.JOB_NAME, plan.source(), mode, plan.resumedAfterBatch(), totalBytes,
                plan.chunkSize(), machineName));
        log.info("job_started", TaxRegistrationJob.JOB_NAME + " " + mode + " run of " + plan.source(),
                "mode", mode, "source", plan.source(), "chunk_size", plan.chunkSize(),
                "resumed_after_batch", plan.resumedAfterBatch());
    }

    void showProgress(Long totalBytes) {
        bar = new ProgressBar(console.err(), console.interactive(), progress, totalBytes);
    }

    /** A committed (or, in a dry run, validated) batch. */
    void batchDone(UUID id, PreparedBatch batch, long durationMs, RunCounters counters, boolean dryRun) {
        events.publish(new EtlProgress.BatchCompleted(EtlProgress.SCHEMA_VERSION, id, Instant.now(),
                batch.number(), batch.rowsRead(), batch.rowsLoaded(), batch.rowsFailed(),
                batch.rowsDuplicated(), durationMs, counters.totals(), batch.bytesRead(),
                batch.rejections().stream().map(r -> new RowRejection(r.lineNumber(), r.type().name(),
                        r.message(), r.rawRow())).toList(), batch.rejectionsOverflow()));
        log.info("batch_completed", "batch " + batch.number() + (dryRun ? " validated" : " committed"),
                "batch", batch.number(), "rows_read", batch.rowsRead(), "rows_loaded", batch.rowsLoaded(),
                "rows_failed", batch.rowsFailed(), "rows_duplicated", batch.rowsDuplicated(),
                "rows_blank", batch.rowsBlank(), "rejections_overflow", batch.rejectionsOverflow(),
                "duration_ms", durationMs);
        bar.update(counters.batches, counters.rowsRead, batch.bytesRead(), false);
    }

    void batchFailed(UUID id, PreparedBatch batch, String why, String failedRowsFile) {
        events.publish(new EtlProgress.BatchFailed(EtlProgress.SCHEMA_VERSION, id, Instant.now(),
                batch.number(), batch.rowsRead(), why, failedRowsFile));
        log.error("batch_failed", why, "batch", batch.number(), "failed_rows_file", failedRowsFile);
    }

    /** The bar's last line, once reading has ended; nothing if it never started. */
    void endProgress(RunCounters counters) {
        if (bar != null) {
            bar.update(counters.batches, counters.rowsRead, counters.bytesRead(), true);
            bar.finish();
        }
    }

    void finished(UUID id, EtlJobState status, RunCounters counters, long durationMs, String errorMessage) {
        Instant finishedAt = Instant.now();
        events.publish(new EtlProgress.JobFinished(EtlProgress.SCHEMA_VERSION, id, finishedAt, status,
                counters.lastCommittedBatch, counters.totals(), durationMs, errorMessage));
        reportRun(id, status == EtlJobState.SUCCESS ? RunStatus.SUCCESS : RunStatus.FAILED, finishedAt, durationMs,
                errorMessage, counters.rowsLoaded, counters.rowsFailed);
        if (status == EtlJobState.SUCCESS) {
            log.info("job_finished", "run succeeded", "status", status.wireName(), "rows_read", counters.rowsRead,
                    "rows_loaded", counters.rowsLoaded, "duration_ms", durationMs);
        } else {
            log.error("job_finished", "run failed: " + errorMessage, "status", status.wireName(),
                    "last_committed_batch", counters.lastCommittedBatch, "duration_ms", durationMs);
        }
        events.close();
    }

    /** The run as a run of its monitor, on the runs topic; only for scheduled runs. */
    private void reportRun(UUID id, RunStatus status, Instant finishedAt, Long durationMs, String message,
                           Long recordsProcessed, Long recordsFailed) {
        if (monitorConfig == null) {
            return;
        }
        String taskKey = TaxRegistrationJob.JOB_NAME;
        events.publish(new TaskRunReported(TaskRunReported.SCHEMA_VERSION, UUID.randomUUID(), id.toString(),
                MonitorId.of(taskKey, MONITOR_KIND, machineName), taskKey, taskKey, MONITOR_KIND, machineName, status,
                startedAt, finishedAt, durationMs, null, message, null, Instant.now(), recordsProcessed, recordsFailed,
                null, null, null, Map.of(), null, monitorConfig));
    }
}
