package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One monitor's runs in one clock hour (UTC), by when each run finished: the value of
 * {@link Topics#MONITOR_STATS}, keyed by monitor id. Every record holds the hour's full totals
 * so far, so a consumer upserts on (monitor_id, hour_start) and the last one wins.
 */
public record MonitorStatsHourly(
        int schemaVersion,
        UUID monitorId,
        Instant hourStart,
        long runs,
        long failures,
        long totalDurationMs,
        long maxDurationMs,
        long recordsProcessed) {

    public static final int SCHEMA_VERSION = 1;
}
