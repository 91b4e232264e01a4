package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an ETL job run tells the pipeline as it goes: the values of {@link Topics#ETL_PROGRESS},
 * keyed by job run id, in this order: one {@link JobStarted}, then {@link BatchCompleted} or
 * {@link BatchFailed} per batch with {@link Heartbeat}s in between, then one {@link JobFinished}.
 * The JSON carries a {@code type} field naming the event.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EtlProgress.JobStarted.class, name = "JobStarted"),
        @JsonSubTypes.Type(value = EtlProgress.BatchCompleted.class, name = "BatchCompleted"),
        @JsonSubTypes.Type(value = EtlProgress.BatchFailed.class, name = "BatchFailed"),
        @JsonSubTypes.Type(value = EtlProgress.JobFinished.class, name = "JobFinished"),
        @JsonSubTypes.Type(value = EtlProgress.Heartbeat.class, name = "Heartbeat")})
public sealed interface EtlProgress {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    UUID jobRunId();

    /** When the worker emitted the event. */
    Instant at();

    /**
     * A job run began.
     *
     * @param jobName          e.g. {@code tax-registration}
     * @param mode             {@code full}, {@code resume} or {@code dry_run}
     * @param resumedAfterBatch the last batch committed by the run this one resumes, else 0
     * @param totalBytes       the source's size when known, for an ETA; else {@code null}
     */
    record JobStarted(int schemaVersion, UUID jobRunId, Instant at, String jobName, String source,
                      String mode, long resumedAfterBatch, Long totalBytes, int chunkSize,
                      String machineName) implements EtlProgress {
    }

    /**
     * One batch committed. Counts are for this batch; totals are for the whole run so far, so a
     * consumer that missed nothing and one that only reads the latest event agree.
     *
     * @param rejections the batch's rejected rows, capped (default 100 a batch)
     * @param rejectionsOverflow rejected rows beyond the cap, counted but not listed
     */
    record BatchCompleted(int schemaVersion, UUID jobRunId, Instant at, long batchNumber,
                          long rowsRead, long rowsLoaded, long rowsFailed, long rowsDuplicated,
                          long durationMs, EtlTotals totals, Long bytesRead,
                          List<RowRejection> rejections, long rejectionsOverflow) implements EtlProgress {
        public BatchCompleted {
            rejections = rejections == null ? List.of() : List.copyOf(rejections);
        }
    }

    /**
     * One batch could not be committed; nothing of it was loaded.
     *
     * @param failedRowsFile where the batch's raw rows were saved for inspection
     */
    record BatchFailed(int schemaVersion, UUID jobRunId, Instant at, long batchNumber, long rowsRead,
                       String errorMessage, String failedRowsFile) implements EtlProgress {
    }

    /**
     * The run ended.
     *
     * @param status {@link EtlJobState#SUCCESS} or {@link EtlJobState#FAILED}
     */
    record JobFinished(int schemaVersion, UUID jobRunId, Instant at, EtlJobState status,
                       long lastCommittedBatch, EtlTotals totals, long durationMs,
                       String errorMessage) implements EtlProgress {
    }

    /** The run is alive; sent every few seconds even while a batch is slow. */
    record Heartbeat(int schemaVersion, UUID jobRunId, Instant at, long currentBatch, long rowsRead,
                     Long bytesRead) implements EtlProgress {
    }
}
