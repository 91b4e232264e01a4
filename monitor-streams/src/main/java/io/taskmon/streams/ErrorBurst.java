package io.taskmon.streams;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where one running ETL job run stands against the error burst rule: the batches with rejected
 * rows inside the window, and the burst alert while one is open. Kept in the
 * {@link MonitorStatusTopology#ETL_ERROR_BURSTS_STORE} store until the run finishes.
 *
 * @param recent      batches with rejected rows, newest window only, oldest first
 * @param openSince   the first rejected row of the open burst, else {@code null}
 * @param openAlertId the open ETL_ERROR_BURST alert, else {@code null}
 */
record ErrorBurst(List<RejectedBatch> recent, Instant openSince, UUID openAlertId) {

    static final ErrorBurst NONE = new ErrorBurst(List.of(), null, null);

    ErrorBurst {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** A committed batch that rejected {@code rows} rows, by the worker's clock. */
    record RejectedBatch(long batchNumber, Instant at, long rows) {
    }

    boolean isOpen() {
        return openAlertId != null;
    }

    long rejectedRows() {
        return recent.stream().mapToLong(RejectedBatch::rows).sum();
    }
}
