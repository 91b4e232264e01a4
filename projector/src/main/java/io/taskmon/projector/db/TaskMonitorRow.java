package io.taskmon.projector.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code taskmon.task_monitors}, without the bookkeeping columns. */
public record TaskMonitorRow(
        UUID id,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        boolean enabled,
        String lastStatus,
        UUID lastEventId,
        String lastRunId,
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
        String health,
        Instant streakStartedAt,
        int alertAfterFailures,
        String alertState,
        UUID openAlertId,
        Instant lastAlertAt,
        Long lastRecordsProcessed) {
}
