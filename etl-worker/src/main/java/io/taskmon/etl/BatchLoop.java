package io.taskmon.etl;

import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.load.BatchLoader;
import io.taskmon.etl.load.JobRuns;
import io.taskmon.etl.load.LoadIndexes;
import io.taskmon.etl.load.RunConnections;
import io.taskmon.etl.source.SourceFormatException;
import io.taskmon.etl.source.SourceUnavailableException;
import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.events.EtlJobState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The run itself, once it is planned and recorded (or, for a dry run, without any record):
 * reads batch after batch, commits each through the {@link CommitWindow}, then builds the
 * indexes, records how the run ended and sums it up.
 */
final class BatchLoop {

    private final LoadOptions options;
    private final RunReporting reporting;

    BatchLoop(LoadOptions options, RunReporting reporting) {
        this.options = options;
        this.reporting = reporting;
    }

    /** @param connections and {@code runs} null for a dry run, which writes nothing */
    TaxRegistrationJob.Outcome run(RunPlan plan, UUID id, RunConnections connections, JobRuns runs,
                                   SourceOpening opening) {
        BatchLoader loader = connections == null ? null : new BatchLoader(connections);
        long startNanos = System.nanoTime();
        RunCounters counters = new RunCounters(plan.resumedAfterBatch());
        String errorMessage = null;
        String failedRowsFile = null;
        Long totalBytes = null;
        boolean started = false;
        try (Heartbeat heartbeat = new Heartbeat(); BatchReading reading = opening.reading()) {
            // When the source cannot be opened, JobStarted is still sent (below) before JobFinished,
            // so a consumer always sees a run begin and end.
            if (opening.failure() != null) {
                throw opening.failure();
            }
            totalBytes = reading.totalBytes();
            started = true;
            reporting.started(id, plan, totalBytes);
            counters.stream = reading.stream();
            heartbeat.start(reporting.events(), id, counters, options.heartbeatInterval());
            reporting.showProgress(totalBytes);
            try (CommitWindow window = new CommitWindow(id, loader,
                    (batch, durationMs) -> {
                        counters.add(batch);
                        reporting.batchDone(id, batch, durationMs, counters, loader == null);
                        reading.recycle(batch);
                    },
                    (batch, cause) -> batchFailed(id, batch, cause, reading.headerLine()))) {
                PreparedBatch batch;
                while ((batch = reading.next()) != null) {
                    window.submit(batch);
                }
                window.drain();
            }
            if (counters.batches == 0 && plan.resumedAfterBatch() > 0) {
                reporting.log().warn("nothing_left", "the source has no rows after the " + plan.resumedAfterRows()
                        + " that batches 1 to " + plan.resumedAfterBatch() + " read; is it the file the resumed run read?");
            }
        } catch (BatchFailedException e) {
            errorMessage = e.getMessage();
            failedRowsFile = e.failedRowsFile;
        } catch (SourceUnavailableException | SourceFormatException e) {
            errorMessage = e.getMessage();
        } catch (Exception e) {
            errorMessage = (counters.batches == 0 ? "" : "after batch " + counters.lastCommittedBatch + ": ")
                    + TaxRegistrationJob.rootMessage(e);
        }
        if (!started) {
            reporting.started(id, plan, null);
        }
        reporting.endProgress(counters);
        if (connections != null) {
            errorMessage = rebuildIndexes(connections, errorMessage);
        }
        EtlJobState status = errorMessage == null ? EtlJobState.SUCCESS : EtlJobState.FAILED;
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        if (runs != null) {
            try {
                runs.finish(id, status.wireName(), errorMessage, totalBytes);
            } catch (SQLException | RuntimeException e) {
                reporting.log().error("finish_not_recorded",
                        "cannot record the end of the run: " + TaxRegistrationJob.rootMessage(e));
            }
        }
        reporting.finished(id, status, counters, durationMs, errorMessage);
        RunSummary summary = new RunSummary(id, options.mode(), status, durationMs, counters.totals(),
                counters.rowsBlank, Map.copyOf(counters.rejectionsByType), plan.resumedAfterBatch(),
                counters.lastCommittedBatch, errorMessage, failedRowsFile, reporting.events().delivered(),
                reporting.events().lost());
        return new TaxRegistrationJob.Outcome(status == EtlJobState.SUCCESS ? ExitCode.OK : ExitCode.JOB_FAILED,
                summary, errorMessage);
    }

    private BatchFailedException batchFailed(UUID id, PreparedBatch batch, Throwable cause, String headerLine) {
        String failedRowsFile = saveFailedRows(id, batch, headerLine);
        String why = "batch " + batch.number() + " could not be committed: " + TaxRegistrationJob.rootMessage(cause);
        reporting.batchFailed(id, batch, why, failedRowsFile);
        return new BatchFailedException(why, failedRowsFile);
    }

    /** Builds the indexes dropped for the load; a failure here fails the run unless it had failed already. */
    private String rebuildIndexes(RunConnections connections, String errorMessage) {
        long start = System.nanoTime();
        try {
            LoadIndexes.rebuild(connections);
            reporting.log().info("indexes_built", "indexes of the data tables built", "duration_ms",
                    (System.nanoTime() - start) / 1_000_000);
            return errorMessage;
        } catch (SQLException | RuntimeException e) {
            String why = "building the indexes after the load failed: " + TaxRegistrationJob.rootMessage(e);
            reporting.log().error("indexes_not_built", why);
            return errorMessage == null ? why : errorMessage;
        }
    }

    /** Saves the batch's rows as read (with the source's header) for inspection; null if even that fails. */
    private String saveFailedRows(UUID id, PreparedBatch batch, String headerLine) {
        Path file = options.failedRowsDir().resolve(id + "-batch-" + batch.number() + ".csv");
        try {
            Files.createDirectories(options.failedRowsDir());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write((headerLine + "\n").getBytes(StandardCharsets.UTF_8));
                out.write(batch.rawRows().array(), 0, batch.rawRows().size());
            }
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            reporting.log().error("failed_rows_not_saved",
                    "cannot save the failed batch's rows to " + file + ": " + e.getMessage());
            return null;
        }
    }
}
