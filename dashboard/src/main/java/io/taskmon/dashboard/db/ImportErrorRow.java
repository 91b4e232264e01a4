package io.taskmon.dashboard.db;

/** One row an ETL job rejected: a row of {@code taskmon.etl_import_errors}. */
public record ImportErrorRow(long batchNumber, long lineNumber, String errorType, String errorMessage,
                             String rawData) {
}
