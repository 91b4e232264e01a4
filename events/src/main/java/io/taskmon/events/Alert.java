package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification that a monitor or an ETL job needs (or no longer needs) attention: the value
 * of {@link Topics#ALERTS}, keyed by the monitor id or the job run id.
 *
 * @param alertId             deterministic: derived from what raised it (monitor or job, type, streak
 *                            start, reminder number), so a replay produces the same id and consumers
 *                            can deduplicate on it
 * @param monitorId           set for monitor alerts, {@code null} for ETL alerts
 * @param jobRunId            set for ETL alerts, {@code null} for monitor alerts
 * @param consecutiveFailures the streak length when the alert was raised (monitor alerts)
 * @param threshold           the alert_after_failures in force (monitor alerts)
 * @param firstFailureAt      the first failure of the streak, or when the job stalled/failed
 * @param lastFailureAt       the latest failure of the streak
 * @param resolvesAlertId     for {@code RECOVERED}: the {@code FAILING}/{@code ETL_*} alert it closes
 * @param summary             one sentence a person can read in a chat message
 */
public record Alert(
        int schemaVersion,
        UUID alertId,
        AlertType type,
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
        Instant raisedAt,
        String summary) {

    public static final int SCHEMA_VERSION = 1;
}
