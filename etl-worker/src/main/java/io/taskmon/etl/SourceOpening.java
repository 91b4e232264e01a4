package io.taskmon.etl;

import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.source.SourceOpener;
import io.taskmon.etl.transform.SeenBans;
import java.io.IOException;
import java.util.UUID;

/** The run's source opened and being read, or why it could not be. */
record SourceOpening(BatchReading reading, Exception failure) {

    static SourceOpening open(LoadOptions options, JsonLog log, RunPlan plan, UUID id, SeenBans seen) {
        SourceOpener opener = new SourceOpener(options.retry(), message -> log.warn("source_retry", message));
        BatchReading.Span span = new BatchReading.Span(plan.resumedAfterBatch() + 1, plan.chunkSize(),
                plan.resumedAfterRows(), plan.limit() == null ? Long.MAX_VALUE : plan.limit());
        try {
            return new SourceOpening(BatchReading.start(opener, plan.source(), span, seen, options.rejectionCap(), id),
                    null);
        } catch (IOException | RuntimeException e) {
            return new SourceOpening(null, e);
        }
    }

    void close() {
        if (reading != null) {
            try {
                reading.close();
            } catch (IOException ignored) {
                // Nothing was read from it that matters: the run ends before loading.
            }
        }
    }
}
