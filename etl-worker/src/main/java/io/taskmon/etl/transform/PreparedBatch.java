package io.taskmon.etl.transform;

import io.taskmon.etl.source.ByteSink;
import java.util.List;
import java.util.Map;

/**
 * One batch, validated and ready to load: the COPY payloads of both tables, the rejected rows
 * (capped) and the counts. {@code rawRows} keeps the batch's rows as read (UTF-8, one a line), to
 * save them as a CSV if the batch cannot be committed.
 *
 * @param bytesRead the source position after this batch, for progress and heartbeats
 */
public record PreparedBatch(long number, long rowsRead, long rowsLoaded, long rowsFailed, long rowsDuplicated,
                            long rowsBlank, CopyPayload registrations, CopyPayload industries, long industryRows,
                            ByteSink rawRows, List<Rejection> rejections, long rejectionsOverflow,
                            Map<RejectionType, Long> rejectionCounts, long bytesRead) {
}
