package io.taskmon.etl;

import io.taskmon.etl.source.CountingInputStream;
import io.taskmon.etl.source.CsvRecordReader;
import io.taskmon.etl.transform.BatchBuilder;
import io.taskmon.etl.transform.LoadLimits;
import io.taskmon.etl.transform.PreparedBatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and validates the next batch on its own thread while the current one is being loaded,
 * so parsing and PostgreSQL's COPY run at the same time. The hand-over queue holds one batch,
 * and a batch ends at its chunk size or its byte limit: memory stays at a few bounded batches
 * whatever the size of the source, the chunk size and the width of its rows.
 */
final class BatchPipeline implements AutoCloseable {

    private static final Object END = new Object();

    private record Failure(Throwable error) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean cancelled;

    /**
     * @param chunkSize rows a batch ends at, unless it holds {@link LoadLimits#MAX_BATCH_BYTES} before
     * @param skipRows  data rows to pass over first (those of the batches a resumed run committed)
     * @param maxRows   data rows to read in all, counted from the start of the source, skipped ones included
     */
    BatchPipeline(CsvRecordReader reader, CountingInputStream counter, BatchBuilder builder, long firstBatch,
                  int chunkSize, long skipRows, long maxRows) {
        thread = new Thread(() -> produce(reader, counter, builder, firstBatch, chunkSize, skipRows, maxRows),
                "etl-batch-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void produce(CsvRecordReader reader, CountingInputStream counter, BatchBuilder builder, long firstBatch,
                         int chunkSize, long skipRows, long maxRows) {
        try {
            long remaining = maxRows;
            for (long skipped = 0; skipped < skipRows && remaining > 0 && reader.next(); skipped++) {
                remaining--;
            }
            long batch = firstBatch;
            builder.start(batch);
            while (remaining > 0 && reader.next()) {
                remaining--;
                builder.accept(reader);
                if (builder.rowsRead() == chunkSize || builder.bytesHeld() >= LoadLimits.MAX_BATCH_BYTES) {
                    if (!hand(builder.finish(counter.count()))) {
                        return;
                    }
                    builder.start(++batch);
                }
            }
            if (builder.rowsRead() > 0 && !hand(builder.finish(counter.count()))) {
                return;
            }
            hand(END);
        } catch (Throwable e) {
            hand(new Failure(e));
        }
    }

    /** Hands an item over, waiting while the loader is busy; false once the pipeline was closed. */
    private boolean hand(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The next batch, or null at the end of the source; rethrows what reading failed on. */
    PreparedBatch next() throws Exception {
        Object item = queue.take();
        if (item == END) {
            return null;
        }
        if (item instanceof Failure failure) {
            if (failure.error() instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(failure.error());
        }
        return (PreparedBatch) item;
    }

    @Override
    public void close() {
        cancelled = true;
        queue.clear();
    }
}
