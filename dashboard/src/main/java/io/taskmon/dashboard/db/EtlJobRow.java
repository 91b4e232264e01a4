package io.taskmon.dashboard.db;

import java.time.Instant;
import java.util.UUID;

/**
 * One ETL job run: a row of {@code taskmon.etl_job_runs}, plus {@code percentDone} (0..100)
 * when the job knows its input size in bytes.
 */
public record EtlJobRow(
        UUID jobRunId,
        String jobName,
        String source,
        String mode,
        String machineName,
        String status,
        Instant startedAt,
        Instant completedAt,
        Instant lastEventAt,
        long currentBatch,
        long lastSuccessfulBatch,
        long rowsRead,
        long recordsProcessed,
        long recordsFailed,
        long recordsDuplicated,
        long batches,
        double rowsPerSecond,
        Long totalBytes,
        Long bytesRead,
        Double percentDone,
        String errorMessage,
        String alertState,
        Instant updatedAt) {
}
