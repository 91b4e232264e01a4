package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlProgress.BatchCompleted;
import io.taskmon.events.EtlProgress.JobFinished;
import io.taskmon.events.RowRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The error burst rule: a running job that rejects at least {@code rows} rows within
 * {@code window} (by the worker's clock) gets one ETL_ERROR_BURST alert, however many more rows
 * it rejects while the burst lasts. The burst ends with RECOVERED when an event finds a whole
 * window without a rejected row, or when the run finishes. Pure: no Kafka.
 */
final class ErrorBurstWatch {

    /** The burst state after one event ({@code null}: forget it, the run is over) and the alerts it raised. */
    record Outcome(ErrorBurst burst, List<Alert> alerts) {
    }

    private final ErrorBurstRules rules;

    ErrorBurstWatch(ErrorBurstRules rules) {
        this.rules = rules;
    }

    /**
     * @param current the burst state before the event, {@code null} when the job has none yet
     * @param job     the job's status after the event
     */
    Outcome onProgress(ErrorBurst current, EtlJobStatus job, EtlProgress event) {
        ErrorBurst before = current == null ? ErrorBurst.NONE : current;
        List<ErrorBurst.RejectedBatch> recent = new ArrayList<>(before.recent());
        if (event instanceof BatchCompleted b && b.rowsFailed() > 0
                && recent.stream().noneMatch(r -> r.batchNumber() == b.batchNumber())) {
            recent.add(new ErrorBurst.RejectedBatch(b.batchNumber(), b.at(), b.rowsFailed()));
            recent.sort(Comparator.comparing(ErrorBurst.RejectedBatch::at));
        }
        // The window ends at the newest time the worker has told, so a late event cannot move it back.
        Instant now = recent.isEmpty() || event.at().isAfter(recent.get(recent.size() - 1).at())
                ? event.at() : recent.get(recent.size() - 1).at();
        Instant windowStart = now.minus(rules.window());
        recent.removeIf(r -> !r.at().isAfter(windowStart));
        ErrorBurst next = new ErrorBurst(recent, before.openSince(), before.openAlertId());

        if (event instanceof JobFinished) {
            return new Outcome(null, before.isOpen()
                    ? List.of(recovered(job, before, event.at(), "the run ended")) : List.of());
        }
        if (!next.isOpen() && next.rejectedRows() >= rules.rows()) {
            Instant since = recent.get(0).at();
            Alert burst = burstAlert(job, next, since, latestRejection(event), event.at());
            return new Outcome(new ErrorBurst(recent, since, burst.alertId()), List.of(burst));
        }
        if (next.isOpen() && recent.isEmpty()) {
            return new Outcome(new ErrorBurst(recent, null, null), List.of(recovered(job, before, event.at(),
                    "no row was rejected for " + EtlJobFold.humanDuration(rules.window()))));
        }
        return new Outcome(next, List.of());
    }

    private Alert burstAlert(EtlJobStatus job, ErrorBurst burst, Instant since, RowRejection latest, Instant at) {
        UUID id = AlertIds.of(job.jobRunId(), AlertType.ETL_ERROR_BURST, since, 0);
        List<ErrorBurst.RejectedBatch> batches = burst.recent();
        long first = batches.stream().mapToLong(ErrorBurst.RejectedBatch::batchNumber).min().orElseThrow();
        long last = batches.stream().mapToLong(ErrorBurst.RejectedBatch::batchNumber).max().orElseThrow();
        String lastMessage = latest == null ? null : latest.errorType() + ": " + EtlJobFold.oneLine(latest.message());
        long rows = burst.rejectedRows();
        String summary = "%s rejected %d row%s within %s (alert at %d), in batch%s %s%s.".formatted(
                EtlJobFold.describe(job.jobName(), job.machineName(), job.jobRunId()), rows, rows == 1 ? "" : "s",
                EtlJobFold.humanDuration(rules.window()), rules.rows(), first == last ? "" : "es",
                first == last ? Long.toString(first) : first + " to " + last,
                lastMessage == null ? "" : "; latest: " + lastMessage);
        return new Alert(Alert.SCHEMA_VERSION, id, AlertType.ETL_ERROR_BURST, null, job.jobRunId(), null, null, null,
                job.machineName(), job.jobName(), null, null, since, batches.get(batches.size() - 1).at(), lastMessage,
                null, null, at, summary);
    }

    private static Alert recovered(EtlJobStatus job, ErrorBurst open, Instant at, String why) {
        // Named after the burst it closes, so it never shares an id with a stall's RECOVERED.
        UUID id = AlertIds.of(open.openAlertId(), AlertType.RECOVERED, open.openSince(), 0);
        String summary = "%s: the error burst since %s is over, %s.".formatted(
                EtlJobFold.describe(job.jobName(), job.machineName(), job.jobRunId()), open.openSince(), why);
        return new Alert(Alert.SCHEMA_VERSION, id, AlertType.RECOVERED, null, job.jobRunId(), null, null, null,
                job.machineName(), job.jobName(), null, null, open.openSince(), null, null, null, open.openAlertId(),
                at, summary);
    }

    private static RowRejection latestRejection(EtlProgress event) {
        if (event instanceof BatchCompleted b && !b.rejections().isEmpty()) {
            return b.rejections().get(b.rejections().size() - 1);
        }
        return null;
    }
}
