package io.taskmon.projector.db;

import java.util.UUID;

/** One row of {@code taskmon.etl_import_errors}: a source row an ETL job refused. */
public record EtlImportErrorRow(UUID jobRunId, long batchNumber, long lineNumber, String errorType,
                                String errorMessage, String rawData) {
}
