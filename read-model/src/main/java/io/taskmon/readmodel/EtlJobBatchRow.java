package io.taskmon.readmodel;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.etl_job_batches}: a committed ({@code completed}) or refused ({@code failed}) batch.
 *
 * @param jobRunId left out when the batches of one job run are listed
 */
public record EtlJobBatchRow(
        @Nullable UUID jobRunId,
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
