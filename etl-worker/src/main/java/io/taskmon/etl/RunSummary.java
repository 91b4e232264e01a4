package io.taskmon.etl;

import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.transform.RejectionType;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlTotals;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How a run ended, printed like the original job's summary: job id, status, duration, totals with
 * their shares, and the rejections by type.
 */
public record RunSummary(UUID jobRunId, LoadOptions.Mode mode, EtlJobState status, long durationMs, EtlTotals totals,
                         long rowsBlank, Map<RejectionType, Long> rejectionsByType, long resumedAfterBatch,
                         long lastCommittedBatch, String errorMessage, String failedRowsFile, long eventsDelivered,
                         long eventsLost) {

    private static final String RULE = "=".repeat(60);

    public void print(PrintStream out) {
        long read = totals.rowsRead();
        out.println(RULE);
        out.println(mode == LoadOptions.Mode.DRY_RUN ? "ETL summary (dry run: nothing was written)" : "ETL summary");
        out.println(RULE);
        out.printf(Locale.ROOT, "Job run:      %s%n", jobRunId);
        out.printf(Locale.ROOT, "Mode:         %s%s%n", mode.wireName(),
                resumedAfterBatch > 0 ? " (after batch " + resumedAfterBatch + ")" : "");
        out.printf(Locale.ROOT, "Status:       %s%n", status.wireName());
        out.printf(Locale.ROOT, "Duration:     %.2f s%n", durationMs / 1000.0);
        out.printf(Locale.ROOT, "Rate:         %,.0f rows/s%n", durationMs > 0 ? read * 1000.0 / durationMs : 0.0);
        out.println();
        out.printf(Locale.ROOT, "Rows read:    %,d%n", read);
        out.printf(Locale.ROOT, "  %s %,d (%s)%n", mode == LoadOptions.Mode.DRY_RUN ? "would load:" : "loaded:    ",
                totals.rowsLoaded(), share(totals.rowsLoaded(), read));
        out.printf(Locale.ROOT, "  failed:     %,d (%s)%n", totals.rowsFailed(), share(totals.rowsFailed(), read));
        out.printf(Locale.ROOT, "  duplicated: %,d (%s)%n", totals.rowsDuplicated(), share(totals.rowsDuplicated(), read));
        out.printf(Locale.ROOT, "  blank:      %,d (%s)%n", rowsBlank, share(rowsBlank, read));
        if (!rejectionsByType.isEmpty()) {
            out.printf(Locale.ROOT, "Rejected:     %s%n", rejectionsByType.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "Batches:      %,d this run; last committed batch %d%n", totals.batches(),
                lastCommittedBatch);
        out.printf(Locale.ROOT, "Events:       %,d delivered, %,d not delivered%n", eventsDelivered, eventsLost);
        if (errorMessage != null) {
            out.printf(Locale.ROOT, "Error:        %s%n", errorMessage);
        }
        if (failedRowsFile != null) {
            out.printf(Locale.ROOT, "Failed rows:  %s%n", failedRowsFile);
        }
        if (status == EtlJobState.FAILED && mode != LoadOptions.Mode.DRY_RUN) {
            out.println("Continue with: ./taskmon etl load --resume");
        }
        out.println(RULE);
        out.flush();
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "0.00%" : String.format(Locale.ROOT, "%.2f%%", part * 100.0 / whole);
    }
}
