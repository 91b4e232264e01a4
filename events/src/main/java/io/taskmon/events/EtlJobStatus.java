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
 * @param lastEventAt         when the last progress event of any kind was emitted
 * @param openAlertId         the open ETL_STALLED/ETL_FAILED alert, if any
 * @param lastProgressAt      when the job last moved forward (started, a batch, more rows read, finished):
 *                            the stall clock, which a heartbeat alone does not move; {@code null} in
 *                            statuses kept before it existed, which then stall on {@code lastEventAt}
 * @param progressRows        the most rows the job has said it read, by a batch's totals or a heartbeat
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
        UUID openAlertId,
        Instant lastProgressAt,
        Long progressRows) {

    public static final int SCHEMA_VERSION = 1;

    public EtlJobStatus {
        // Statuses kept before the progress watch have no row count: nothing said yet.
        progressRows = progressRows == null ? 0L : progressRows;
    }

    /** A status without the progress watch, as kept before it existed. */
    public EtlJobStatus(int schemaVersion, UUID jobRunId, String jobName, String source, String mode,
                        String machineName, EtlJobState status, Instant startedAt, Instant finishedAt,
                        Instant lastEventAt, long currentBatch, long lastSuccessfulBatch, EtlTotals totals,
                        double rowsPerSecond, Long totalBytes, Long bytesRead, String errorMessage,
                        AlertState alertState, UUID openAlertId) {
        this(schemaVersion, jobRunId, jobName, source, mode, machineName, status, startedAt, finishedAt, lastEventAt,
                currentBatch, lastSuccessfulBatch, totals, rowsPerSecond, totalBytes, bytesRead, errorMessage,
                alertState, openAlertId, null, 0L);
    }

    /** Since when the job has not moved forward: its last progress, else (older statuses) its last event. */
    public Instant stallClock() {
        return lastProgressAt != null ? lastProgressAt : lastEventAt;
    }
}
