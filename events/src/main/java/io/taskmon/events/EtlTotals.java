package io.taskmon.events;

/** Row counts of a whole ETL run so far. read = loaded + failed + duplicated (+ blank rows skipped). */
public record EtlTotals(long rowsRead, long rowsLoaded, long rowsFailed, long rowsDuplicated, long batches) {

    public static final EtlTotals ZERO = new EtlTotals(0, 0, 0, 0, 0);
}
