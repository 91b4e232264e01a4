package io.taskmon.events;

/**
 * One source row an ETL job refused, and why.
 *
 * @param lineNumber the row's line in the source (header = line 1)
 * @param errorType  e.g. {@code INVALID_BAN}, {@code MISSING_FIELD}, {@code DUPLICATE}, {@code BAD_NUMBER}
 * @param rawRow     the row as read, for inspection
 */
public record RowRejection(long lineNumber, String errorType, String message, String rawRow) {
}
