package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The latest known state of one monitor, kept by monitor-streams: the value of the compacted
 * {@link Topics#MONITOR_STATUS} topic, keyed by {@code monitor_id}.
 *
 * @param consecutiveFailures failures since the last success; a {@code running} signal
 *                            neither adds to nor breaks the streak
 */
public record MonitorStatus(
        int schemaVersion,
        UUID monitorId,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        RunStatus lastStatus,
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
        long totalFailures) {

    public static final int SCHEMA_VERSION = 1;
}
