package io.taskmon.dashboard.db;

/** How many rows of one job were rejected for one reason. */
public record ImportErrorCount(String errorType, long count) {
}
