package io.taskmon.projector.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code taskmon.monitor_stats_hourly}. */
public record MonitorStatsHourlyRow(UUID monitorId, Instant hourStart, long runs, long failures,
                                    long totalDurationMs, long maxDurationMs, long recordsProcessed) {
}
