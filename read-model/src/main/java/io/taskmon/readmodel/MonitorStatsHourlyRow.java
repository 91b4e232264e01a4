package io.taskmon.readmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code taskmon.monitor_stats_hourly}: one UTC hour of one monitor, with the figures
 * the charts draw worked out once here.
 *
 * @param monitorId left out when the hours of one monitor are read
 */
public record MonitorStatsHourlyRow(@Nullable UUID monitorId, Instant hourStart, long runs, long failures,
                                    long totalDurationMs, long maxDurationMs, long recordsProcessed) {

    /** The share of runs that succeeded, 0..1; null for an hour without runs. */
    @JsonProperty
    public Double successRate() {
        return runs > 0 ? (runs - failures) / (double) runs : null;
    }

    /** Null for an hour without runs. */
    @JsonProperty
    public Long avgDurationMs() {
        return runs > 0 ? totalDurationMs / runs : null;
    }
}
