package io.taskmon.dashboard.db;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** One run of a monitor: a row of {@code taskmon.task_runs}; {@code labels} is a JSON object. */
public record RunRow(
        UUID monitorId,
        String runId,
        UUID eventId,
        String status,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Integer exitCode,
        String message,
        String logUrl,
        Instant receivedAt,
        Long recordsProcessed,
        Long recordsFailed,
        Integer attemptCount,
        Integer maxAttempts,
        String externalId,
        @JsonRawValue String labels) {
}
