package io.taskmon.dashboard.db;

import java.time.Instant;
import java.util.UUID;

/** One monitor as the dashboard shows it: a row of {@code taskmon.task_monitors}. */
public record MonitorRow(
        UUID monitorId,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        boolean enabled,
        String health,
        String lastStatus,
        Instant lastStartedAt,
        Instant lastFinishedAt,
        Long lastDurationMs,
        Integer lastExitCode,
        String lastMessage,
        String lastLogUrl,
        Instant lastReportedAt,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        int consecutiveFailures,
        long totalRuns,
        long totalFailures,
        Instant streakStartedAt,
        int alertAfterFailures,
        String alertState,
        UUID openAlertId,
        Instant lastAlertAt,
        Long lastRecordsProcessed,
        Instant createdAt,
        Instant updatedAt) {
}
