package io.taskmon.projector.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code taskmon.task_runs}. */
public record TaskRunRow(
        UUID monitorId,
        String runId,
        UUID eventId,
        String taskKey,
        String kind,
        String machineName,
        String status,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Integer exitCode,
        String message,
        String logUrl,
        Instant receivedAt,
        String raw) {
}
