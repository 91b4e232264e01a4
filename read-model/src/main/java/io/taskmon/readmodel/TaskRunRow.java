package io.taskmon.readmodel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.task_runs}: one run of a monitor.
 *
 * @param taskKey the monitor's task key; with {@code kind} and {@code machineName} left out of
 *                the run lists, whose runs all belong to the one monitor shown
 * @param raw     the whole event as published, JSON text; only {@link TaskRunDao#find} reads it
 * @param labels  the report's labels as a JSON object text
 * @param queuedAt    when the run was reported {@code pending}; null if it never was
 * @param queueWaitMs from {@code queuedAt} to the run's start (its {@code running} report, or its
 *                    finish if it never reported running); null while queued or never queued
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
        @JsonRawValue String labels,
        Instant queuedAt,
        Long queueWaitMs) {

    @JsonIgnore
    public boolean isRunning() {
        return "running".equals(status);
    }

    @JsonIgnore
    public boolean isPending() {
        return "pending".equals(status);
    }

    /** How far along a run is: queued, started, finished. A run only ever moves forward. */
    private int stage() {
        return isPending() ? 0 : isRunning() ? 1 : 2;
    }

    /**
     * What the row becomes when {@code later} arrives for the same run, exactly as the upsert
     * in {@link TaskRunDao} does it: a row only moves forward (pending, running, finished); the
     * start time a finish leaves out is kept, and the first move out of pending fixes the queue wait.
     */
    public TaskRunRow followedBy(TaskRunRow later) {
        if (later.stage() <= stage()) {
            return this;
        }
        Instant started = later.startedAt != null ? later.startedAt : startedAt;
        Instant queued = queuedAt != null ? queuedAt : later.queuedAt;
        Long wait = queueWaitMs != null ? queueWaitMs
                : later.queueWaitMs != null ? later.queueWaitMs : queueWait(queued, later);
        return new TaskRunRow(later.monitorId, later.runId, later.eventId, later.taskKey, later.kind,
                later.machineName, later.status, started, later.finishedAt, later.durationMs, later.exitCode,
                later.message, later.logUrl, later.receivedAt, later.raw, later.recordsProcessed,
                later.recordsFailed, later.attemptCount, later.maxAttempts, later.externalId, later.labels,
                queued, wait);
    }

    /** The run left the queue when it says it started, else when it finished, else when that report came. */
    private static Long queueWait(Instant queued, TaskRunRow started) {
        if (queued == null) {
            return null;
        }
        Instant left = started.startedAt != null ? started.startedAt
                : started.finishedAt != null ? started.finishedAt : started.receivedAt;
        return Math.max(0, Duration.between(queued, left).toMillis());
    }
}
