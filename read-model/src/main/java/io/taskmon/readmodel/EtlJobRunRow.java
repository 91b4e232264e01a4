package io.taskmon.readmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.etl_job_runs}: the current state of one ETL job run.
 *
 * @param openAlertId what the projector writes to tie the run to its alert; the dashboard's
 *                    queries leave it out
 * @param updatedAt   set by the table, so rows the projector builds leave it null
 */
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
        @Nullable UUID openAlertId,
        @Nullable Instant updatedAt) {

    /** How much of its input the job has read, 0..100; null while it does not know its input size in bytes. */
    @JsonProperty
    public Double percentDone() {
        if (totalBytes == null || totalBytes <= 0 || bytesRead == null) {
            return null;
        }
        return Math.min(100.0, bytesRead * 100.0 / totalBytes);
    }
}
