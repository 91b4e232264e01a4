package io.taskmon.etl.load;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code etl.job_runs}. */
public record JobRunRow(UUID id, String jobName, String mode, String source, String status, int chunkSize,
                        Long rowLimit, UUID resumedFrom, long resumedAfterBatch, long lastCommittedBatch,
                        long rowsRead, long rowsLoaded, long rowsFailed, long rowsDuplicated, Long totalBytes,
                        String machineName, String errorMessage, Instant startedAt, Instant finishedAt) {

    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
}
