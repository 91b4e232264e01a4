package io.taskmon.readmodel;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.alerts}: open while {@code resolvedAt} is null; {@code resolvedAt}
 * and {@code resolvedByAlertId} are set by a later RECOVERED alert.
 */
public record AlertRow(
        UUID alertId,
        String alertType,
        UUID monitorId,
        UUID jobRunId,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        String jobName,
        Integer consecutiveFailures,
        Integer threshold,
        Instant firstFailureAt,
        Instant lastFailureAt,
        String lastMessage,
        Integer lastExitCode,
        UUID resolvesAlertId,
        String summary,
        Instant raisedAt,
        Instant resolvedAt,
        UUID resolvedByAlertId) {
}
