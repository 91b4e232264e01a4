package io.taskmon.etl.transform;

/** One refused row: where, why, and the row as read. */
public record Rejection(long lineNumber, RejectionType type, String message, String rawRow) {
}
