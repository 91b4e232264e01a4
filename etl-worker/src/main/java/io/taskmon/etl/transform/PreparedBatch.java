package io.taskmon.etl.transform;

import io.taskmon.etl.source.Utf8Buffer;
import java.util.List;
import java.util.Map;

/**
 * One batch, validated and ready to load: the COPY payloads of both tables, the rejected rows
 * (capped) and the counts. {@code rawRows} keeps the batch's rows as read (as chars: cheaper to keep than to encode), to save them as a CSV
 * if the batch cannot be committed.
 *
 * @param bytesRead the source position after this batch, for progress and heartbeats
 */
public record PreparedBatch(long number, long rowsRead, long rowsLoaded, long rowsFailed, long rowsDuplicated,
                            long rowsBlank, Utf8Buffer registrations, Utf8Buffer industries, long industryRows,
                            CharSequence rawRows, List<Rejection> rejections, long rejectionsOverflow,
                            Map<RejectionType, Long> rejectionCounts, long bytesRead) {
}
