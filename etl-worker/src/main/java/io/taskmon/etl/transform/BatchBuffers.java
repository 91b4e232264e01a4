package io.taskmon.etl.transform;

import io.taskmon.etl.source.ByteSink;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The buffers a batch is built in (both COPY payloads and the rows as read), handed out per
 * batch and taken back once the batch is committed, so a steady run allocates no new ones.
 */
final class BatchBuffers {

    /** One batch's set of buffers. */
    record Set(CopyPayload registrations, CopyPayload industries, ByteSink rawRows) {

        long bytesHeld() {
            return (long) registrations.size() + industries.size() + rawRows.size();
        }
    }

    /** Batches in memory at once: one being built, one handed over, two being committed. */
    private static final int KEPT_SETS = 4;
    /**
     * Buffers that grew beyond this (a batch of unusually wide rows) are dropped after use rather
     * than kept, so a few such batches do not hold their size for the rest of the run.
     */
    private static final long KEPT_SET_BYTES = 2L * LoadLimits.MAX_BATCH_BYTES;
    /** Where a new set's buffers start when no batch has finished yet. */
    private static final int FIRST_BUFFER_BYTES = 1 << 20;

    private final Queue<Set> free = new ConcurrentLinkedQueue<>();
    // What the largest finished batch held in each buffer, plus a quarter: later buffers start
    // that large rather than growing to it by doubling, each step a fresh array to zero and copy
    // into. Sizes of one batch, so a new set stays near what a batch may hold (LoadLimits).
    private long largestBatchBytes;
    private int registrationsSize = FIRST_BUFFER_BYTES;
    private int industriesSize = FIRST_BUFFER_BYTES;
    private int rawRowsSize = FIRST_BUFFER_BYTES;

    /** A set for the next batch, emptied: a recycled one when there is one. */
    Set take() {
        Set recycled = free.poll();
        if (recycled == null) {
            return new Set(new CopyPayload(registrationsSize), new CopyPayload(industriesSize),
                    new ByteSink(rawRowsSize));
        }
        recycled.registrations().clear();
        recycled.industries().clear();
        recycled.rawRows().clear();
        return recycled;
    }

    /** Notes what a finished batch held, so that new sets start large enough for such a batch. */
    void measure(Set finished) {
        if (finished.bytesHeld() > largestBatchBytes) {
            largestBatchBytes = finished.bytesHeld();
            registrationsSize = withHeadroom(finished.registrations().size());
            industriesSize = withHeadroom(finished.industries().size());
            rawRowsSize = withHeadroom(finished.rawRows().size());
        }
    }

    /** Takes a committed batch's buffers back; the batch must not be used after. */
    void recycle(PreparedBatch batch) {
        long capacity = (long) batch.registrations().capacity() + batch.industries().capacity()
                + batch.rawRows().capacity();
        if (free.size() < KEPT_SETS && capacity <= KEPT_SET_BYTES) {
            free.add(new Set(batch.registrations(), batch.industries(), batch.rawRows()));
        }
    }

    /** Room for a batch a little larger than the one measured, which would otherwise double its buffer. */
    private static int withHeadroom(int size) {
        return Math.max(FIRST_BUFFER_BYTES, size + size / 4);
    }
}
