package io.taskmon.readmodel;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.task_monitors}: a monitor and its latest status.
 *
 * @param monitorId   the {@code id} column
 * @param lastStatus  the latest run's status; {@code null} for a monitor created ahead of its first run
 * @param lastEventId the run event of the latest status, with {@code lastRunId} what the
 *                    projector keeps to place a status; the dashboard's queries leave both out
 * @param monitorConfig  the monitor's configuration as a JSON object text (cron or interval, grace,
 *                       run times, ...); {@code null} for a monitor without one
 * @param nextExpectedAt when the next run is expected to start; {@code null} without a schedule
 * @param labels         the monitor's labels as a JSON object text, {@code {}} when it has none
 * @param createdAt   when the monitor was first seen; with {@code updatedAt} set by the table,
 *                    so rows the projector builds leave them null
 */
public record TaskMonitorRow(
        UUID monitorId,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        boolean enabled,
        String lastStatus,
        @Nullable UUID lastEventId,
        @Nullable String lastRunId,
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
        Long lastRecordsProcessed,
        @JsonRawValue String monitorConfig,
        Instant nextExpectedAt,
        @JsonRawValue String labels,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {
}
