package io.taskmon.etl;

import io.taskmon.etl.source.CountingInputStream;
import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.etl.transform.RejectionType;
import io.taskmon.events.EtlTotals;
import java.util.EnumMap;
import java.util.Map;

/** What the run has committed so far; the heartbeat thread reads it. */
final class RunCounters {
    volatile long lastCommittedBatch;
    volatile long rowsRead;
    volatile CountingInputStream stream;
    long rowsLoaded;
    long rowsFailed;
    long rowsDuplicated;
    long rowsBlank;
    long batches;
    final Map<RejectionType, Long> rejectionsByType = new EnumMap<>(RejectionType.class);

    RunCounters(long resumedAfterBatch) {
        this.lastCommittedBatch = resumedAfterBatch;
    }

    void add(PreparedBatch batch) {
        rowsRead += batch.rowsRead();
        rowsLoaded += batch.rowsLoaded();
        rowsFailed += batch.rowsFailed();
        rowsDuplicated += batch.rowsDuplicated();
        rowsBlank += batch.rowsBlank();
        batches++;
        batch.rejectionCounts().forEach((type, n) -> rejectionsByType.merge(type, n, Long::sum));
        lastCommittedBatch = batch.number();
    }

    long bytesRead() {
        return stream == null ? 0 : stream.count();
    }

    EtlTotals totals() {
        return new EtlTotals(rowsRead, rowsLoaded, rowsFailed, rowsDuplicated, batches);
    }
}
