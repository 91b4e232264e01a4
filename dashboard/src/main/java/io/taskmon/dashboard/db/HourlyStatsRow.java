package io.taskmon.dashboard.db;

import java.time.Instant;

/**
 * One UTC hour of one monitor: a row of {@code taskmon.monitor_stats_hourly} with the figures
 * the charts draw worked out once here ({@code successRate} 0..1, {@code avgDurationMs}).
 */
public record HourlyStatsRow(
        Instant hourStart,
        long runs,
        long failures,
        long totalDurationMs,
        long maxDurationMs,
        long recordsProcessed,
        Double successRate,
        Long avgDurationMs) {
}
