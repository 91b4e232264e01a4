package io.taskmon.dashboard.db;

import java.time.Instant;

/** One batch of an ETL job run: a row of {@code taskmon.etl_job_batches}. */
public record EtlBatchRow(
        long batchNumber,
        String status,
        long rowsRead,
        long recordsProcessed,
        long recordsFailed,
        long recordsDuplicated,
        Long durationMs,
        String errorMessage,
        String failedRowsFile,
        Instant completedAt) {
}
