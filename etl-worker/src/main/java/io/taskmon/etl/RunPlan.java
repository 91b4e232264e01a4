package io.taskmon.etl;

import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.cli.UsageException;
import io.taskmon.etl.load.JobRunRow;
import java.util.UUID;

/**
 * What a run reads and where it starts: the whole source for a full reload or a dry run, or,
 * for a resume, what the resumed run read after its last committed batch.
 *
 * @param resumedAfterRows source rows the resumed runs committed, skipped before the first
 *                         batch (batches end by bytes too, so not batches times chunk size)
 */
record RunPlan(String source, int chunkSize, Long limit, UUID resumedFrom, long resumedAfterBatch,
               long resumedAfterRows) {

    static RunPlan fromStart(LoadOptions options) {
        int chunkSize = options.chunkSize() == null ? LoadOptions.DEFAULT_CHUNK_SIZE : options.chunkSize();
        return new RunPlan(options.source(), chunkSize, options.limit(), null, 0, 0);
    }

    /** @throws UsageException when the options contradict the run being resumed */
    static RunPlan resuming(LoadOptions options, JobRunRow run, long rowsCommitted) {
        String source = options.source() != null ? options.source() : run.source();
        if (source.equals("-") && options.source() == null) {
            throw new UsageException("the run to resume read standard input; name its source again with --source");
        }
        // The limit counts rows from the start of the source, so a resume must keep the run's.
        // The chunk size may change: a resume skips the rows the runs before it read, whatever
        // their batches' sizes (a smaller one isolates a batch the database keeps refusing).
        if (options.limit() != null && !options.limit().equals(run.rowLimit())) {
            throw new UsageException("--limit " + options.limit() + " differs from the resumed run's "
                    + (run.rowLimit() == null ? "none" : run.rowLimit()) + "; leave it out");
        }
        int chunkSize = options.chunkSize() != null ? options.chunkSize() : run.chunkSize();
        return new RunPlan(source, chunkSize, run.rowLimit(), run.id(), run.lastCommittedBatch(), rowsCommitted);
    }
}
