package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The current state of one ETL job run, kept by monitor-streams from its progress events: the
 * value of the compacted {@link Topics#ETL_JOBS} topic, keyed by job run id.
 *
 * @param currentBatch        the highest batch number seen (completed or failed)
 * @param lastSuccessfulBatch the highest batch committed
 * @param rowsPerSecond       rows read per second of run time so far
 * @param lastEventAt         when the last progress event of any kind was emitted; the stall clock
 * @param openAlertId         the open ETL_STALLED/ETL_FAILED alert, if any
 */
public record EtlJobStatus(
        int schemaVersion,
        UUID jobRunId,
        String jobName,
        String source,
        String mode,
        String machineName,
        EtlJobState status,
        Instant startedAt,
        Instant finishedAt,
        Instant lastEventAt,
        long currentBatch,
        long lastSuccessfulBatch,
        EtlTotals totals,
        double rowsPerSecond,
        Long totalBytes,
        Long bytesRead,
        String errorMessage,
        AlertState alertState,
        UUID openAlertId) {

    public static final int SCHEMA_VERSION = 1;
}
