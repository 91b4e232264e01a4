package io.taskmon.projector.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code taskmon.etl_job_runs}, without {@code updated_at}. */
public record EtlJobRunRow(
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
        String errorMessage,
        String alertState,
        UUID openAlertId) {
}
