package io.taskmon.etl.transform;

/**
 * How much of the source a run holds in memory. A batch ends at its chunk size in rows or when
 * it holds {@link #MAX_BATCH_BYTES}, whichever comes first: rows differ in width (a record may
 * be up to 4 MiB), and at most four batches are in memory at once (one being read, one handed
 * over, two being committed), so the heap a run needs is bounded by bytes, not by rows.
 * A default batch of the tax-registration data (20,000 rows) holds about 10 MB.
 */
public final class LoadLimits {

    /** Payloads and raw rows of one batch: 4 batches and their buffers' growth fit in a 256 MB heap. */
    public static final long MAX_BATCH_BYTES = 16L << 20;

    private LoadLimits() {
    }
}
