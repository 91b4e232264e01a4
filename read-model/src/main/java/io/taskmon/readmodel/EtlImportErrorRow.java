package io.taskmon.readmodel;

import java.util.UUID;

/**
 * One row of {@code taskmon.etl_import_errors}: a source row an ETL job refused.
 *
 * @param jobRunId left out when the errors of one job run are listed
 */
public record EtlImportErrorRow(@Nullable UUID jobRunId, long batchNumber, long lineNumber, String errorType,
                                String errorMessage, String rawData) {
}
