package io.taskmon.readmodel;

/** How many rows of one job run were refused for one reason: a count over {@code taskmon.etl_import_errors}. */
public record EtlImportErrorCount(String errorType, long count) {
}
