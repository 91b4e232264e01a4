package io.taskmon.projector.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code taskmon.etl_job_batches}: a committed ({@code completed}) or refused ({@code failed}) batch. */
public record EtlJobBatchRow(
        UUID jobRunId,
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
