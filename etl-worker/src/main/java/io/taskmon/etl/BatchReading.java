package io.taskmon.etl;

import io.taskmon.etl.source.CountingInputStream;
import io.taskmon.etl.source.CsvRecordReader;
import io.taskmon.etl.source.SourceFormatException;
import io.taskmon.etl.source.SourceOpener;
import io.taskmon.etl.transform.BatchBuilder;
import io.taskmon.etl.transform.PreparedBatch;
import io.taskmon.etl.transform.SeenBans;
import io.taskmon.etl.transform.TaxRegistrationColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run's source, opened, its header checked, and its batches being read ahead on their own
 * thread. A full reload opens it before it empties the tables: a source that cannot be opened
 * or read then leaves the tables as they were, and the first batches are read while PostgreSQL
 * truncates.
 */
final class BatchReading implements AutoCloseable {

    /** Where reading starts and stops: the first batch's number, rows to pass over, rows to read in all. */
    record Span(long firstBatch, int chunkSize, long skipRows, long maxRows) {
    }

    private final SourceOpener.OpenedSource source;
    private final CsvRecordReader reader;
    private final String headerLine;
    private final BatchBuilder builder;
    private final BatchPipeline pipeline;

    private BatchReading(SourceOpener.OpenedSource source, CsvRecordReader reader, String headerLine,
                         BatchBuilder builder, BatchPipeline pipeline) {
        this.source = source;
        this.reader = reader;
        this.headerLine = headerLine;
        this.builder = builder;
        this.pipeline = pipeline;
    }

    /**
     * Opens the source (with the opener's retries), reads and checks its header and starts
     * reading batches.
     *
     * @throws io.taskmon.etl.source.SourceUnavailableException when the source cannot be opened
     * @throws SourceFormatException                            when its header is missing or wrong
     */
    static BatchReading start(SourceOpener opener, String location, Span span, SeenBans seen, int rejectionCap,
                              UUID jobRunId) throws IOException {
        SourceOpener.OpenedSource source = opener.open(location);
        CsvRecordReader reader = new CsvRecordReader(source.stream());
        try {
            if (!reader.next()) {
                throw new SourceFormatException("the source is empty: no header line");
            }
            List<String> header = new ArrayList<>();
            for (int i = 0; i < reader.fieldCount(); i++) {
                header.add(reader.field(i));
            }
            String headerLine = reader.raw();
            BatchBuilder builder = new BatchBuilder(TaxRegistrationColumns.fromHeader(header), seen, rejectionCap,
                    jobRunId);
            BatchPipeline pipeline = new BatchPipeline(reader, source.stream(), builder, span.firstBatch(),
                    span.chunkSize(), span.skipRows(), span.maxRows());
            pipeline.start();
            return new BatchReading(source, reader, headerLine, builder, pipeline);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The source's size in bytes when known (a file, a response with a length), else null. */
    Long totalBytes() {
        return source.totalBytes();
    }

    /** The source's bytes read so far. */
    CountingInputStream stream() {
        return source.stream();
    }

    /** The header as written in the source, for a failed batch's saved rows. */
    String headerLine() {
        return headerLine;
    }

    /** The next batch, or null at the end of the source; rethrows what reading failed on. */
    PreparedBatch next() throws Exception {
        return pipeline.next();
    }

    /** Hands a committed batch's buffers back for a later batch. */
    void recycle(PreparedBatch batch) {
        builder.recycle(batch);
    }

    @Override
    public void close() throws IOException {
        pipeline.close();
        reader.close();
    }
}
