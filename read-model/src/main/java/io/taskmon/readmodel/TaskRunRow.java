package io.taskmon.readmodel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.task_runs}: one run of a monitor.
 *
 * @param taskKey the monitor's task key; with {@code kind} and {@code machineName} left out of
 *                the run lists, whose runs all belong to the one monitor shown
 * @param raw     the whole event as published, JSON text; only {@link TaskRunDao#find} reads it
 * @param labels  the report's labels as a JSON object text
 */
public record TaskRunRow(
        UUID monitorId,
        String runId,
        UUID eventId,
        @Nullable String taskKey,
        @Nullable String kind,
        @Nullable String machineName,
        String status,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Integer exitCode,
        String message,
        String logUrl,
        Instant receivedAt,
        @Nullable @JsonRawValue String raw,
        Long recordsProcessed,
        Long recordsFailed,
        Integer attemptCount,
        Integer maxAttempts,
        String externalId,
        @JsonRawValue String labels) {

    @JsonIgnore
    public boolean isRunning() {
        return "running".equals(status);
    }

    /**
     * What the row becomes when {@code later} arrives for the same run, exactly as the upsert
     * in {@link TaskRunDao} does it: only a running row moves, and only to a finish; the start
     * time a finish leaves out is kept.
     */
    public TaskRunRow followedBy(TaskRunRow later) {
        if (!isRunning() || later.isRunning()) {
            return this;
        }
        Instant started = later.startedAt != null ? later.startedAt : startedAt;
        return new TaskRunRow(later.monitorId, later.runId, later.eventId, later.taskKey, later.kind,
                later.machineName, later.status, started, later.finishedAt, later.durationMs, later.exitCode,
                later.message, later.logUrl, later.receivedAt, later.raw, later.recordsProcessed,
                later.recordsFailed, later.attemptCount, later.maxAttempts, later.externalId, later.labels);
    }
}
