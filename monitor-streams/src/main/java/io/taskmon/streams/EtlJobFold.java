package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.AlertType;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlProgress.BatchCompleted;
import io.taskmon.events.EtlProgress.BatchFailed;
import io.taskmon.events.EtlProgress.Heartbeat;
import io.taskmon.events.EtlProgress.JobFinished;
import io.taskmon.events.EtlProgress.JobStarted;
import io.taskmon.events.EtlTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How a progress event or the passing of time changes an ETL job run's state and which alerts it
 * raises. Pure: no Kafka, no clock ({@code now} is given).
 */
final class EtlJobFold {

    /** The job after one input; {@code status} is null when the input changes nothing. */
    record Outcome(EtlJobStatus status, List<Alert> alerts) {
        static final Outcome UNCHANGED = new Outcome(null, List.of());
    }

    private final MonitorRules rules;

    EtlJobFold(MonitorRules rules) {
        this.rules = rules;
    }

    Outcome onProgress(EtlJobStatus current, EtlProgress event) {
        if (current != null && current.status().isFinished()) {
            // A finished run is final: a redelivered or stray event after JobFinished must not
            // reopen it or raise its alerts again.
            return Outcome.UNCHANGED;
        }
        EtlJobStatus base = current != null ? current : new EtlJobStatus(EtlJobStatus.SCHEMA_VERSION,
                event.jobRunId(), null, null, null, null, EtlJobState.RUNNING, null, null, null, 0, 0,
                EtlTotals.ZERO, 0.0, null, null, null, AlertState.NONE, null);
        Builder next = new Builder(base);
        next.lastEventAt = max(base.lastEventAt(), event.at());
        boolean progressed = movesForward(base, event);
        // A job first seen through a heartbeat (or kept before the progress watch) is watched
        // from then on.
        Instant watchedSince = base.stallClock() == null ? event.at() : base.stallClock();
        next.lastProgressAt = progressed ? max(watchedSince, event.at()) : watchedSince;
        if (event instanceof JobStarted s) {
            next.jobName = s.jobName();
            next.source = s.source();
            next.mode = s.mode();
            next.machineName = s.machineName();
            next.startedAt = s.at();
            next.totalBytes = s.totalBytes();
            next.currentBatch = Math.max(next.currentBatch, s.resumedAfterBatch());
            next.lastSuccessfulBatch = Math.max(next.lastSuccessfulBatch, s.resumedAfterBatch());
        } else if (event instanceof BatchCompleted b) {
            // Totals are cumulative: the event of the highest batch holds the newest ones,
            // whatever order the events arrive in.
            if (b.batchNumber() >= next.lastSuccessfulBatch && b.totals() != null) {
                next.totals = b.totals();
                if (b.bytesRead() != null) {
                    next.bytesRead = b.bytesRead();
                }
            }
            next.currentBatch = Math.max(next.currentBatch, b.batchNumber());
            next.lastSuccessfulBatch = Math.max(next.lastSuccessfulBatch, b.batchNumber());
        } else if (event instanceof BatchFailed f) {
            next.currentBatch = Math.max(next.currentBatch, f.batchNumber());
            next.errorMessage = f.errorMessage();
        } else if (event instanceof Heartbeat h) {
            next.currentBatch = Math.max(next.currentBatch, h.currentBatch());
            next.progressRows = Math.max(next.progressRows, h.rowsRead());
            if (h.bytesRead() != null) {
                next.bytesRead = h.bytesRead();
            }
        } else if (event instanceof JobFinished f) {
            next.state = f.status();
            next.finishedAt = f.at();
            if (f.totals() != null) {
                next.totals = f.totals();
            }
            next.lastSuccessfulBatch = Math.max(next.lastSuccessfulBatch, f.lastCommittedBatch());
            next.currentBatch = Math.max(next.currentBatch, next.lastSuccessfulBatch);
            if (f.errorMessage() != null) {
                next.errorMessage = f.errorMessage();
            }
        }

        next.progressRows = Math.max(next.progressRows, next.totals.rowsRead());
        List<Alert> alerts = new ArrayList<>();
        if (base.status() == EtlJobState.STALLED && progressed) {
            // The job moves again: the stall is over, even if the event says the job failed
            // (which then gets its own alert). A heartbeat alone proves only that the worker's
            // heartbeat thread lives, so the job stays stalled.
            alerts.add(jobAlert(next, AlertType.RECOVERED, base.stallClock(), base.openAlertId(), event.at(),
                    "%s recovered: it moved on again at %s after no progress since %s.".formatted(
                            describe(next), event.at(), base.stallClock())));
            next.alertState = AlertState.NONE;
            next.openAlertId = null;
            if (next.state == EtlJobState.STALLED) {
                next.state = EtlJobState.RUNNING;
            }
        }
        if (event instanceof JobFinished f && f.status() == EtlJobState.FAILED) {
            Alert failed = jobAlert(next, AlertType.ETL_FAILED, null, null, f.at(),
                    "%s failed after %d committed batch%s (%d rows loaded)%s.".formatted(
                            describe(next), next.lastSuccessfulBatch, next.lastSuccessfulBatch == 1 ? "" : "es",
                            next.totals.rowsLoaded(),
                            next.errorMessage == null ? "" : ": " + oneLine(next.errorMessage)));
            alerts.add(failed);
            next.alertState = AlertState.ALERTING;
            next.openAlertId = failed.alertId();
        }
        return new Outcome(next.build(), List.copyOf(alerts));
    }

    /**
     * An ETL_STALLED alert when a running job has not moved forward for the stall timeout, whether
     * it went silent or still sends heartbeats; else empty.
     */
    Optional<Outcome> stallIfDue(EtlJobStatus current, Instant now) {
        if (current == null || current.status() != EtlJobState.RUNNING || current.stallClock() == null
                || now.isBefore(current.stallClock().plus(rules.etlStallTimeout()))) {
            return Optional.empty();
        }
        Instant since = current.stallClock();
        Builder next = new Builder(current);
        next.state = EtlJobState.STALLED;
        // Pinned, so that a status kept before the progress watch (stalling on its last event)
        // recovers with the id this stall was raised under, whatever heartbeats come meanwhile.
        next.lastProgressAt = since;
        String heartbeat = current.lastEventAt() != null && current.lastEventAt().isAfter(since)
                ? ", though it still reported at " + current.lastEventAt() : "";
        Alert stalled = jobAlert(next, AlertType.ETL_STALLED, since, null, now,
                "%s is stalled: no progress since %s (%s)%s, last batch committed %d.".formatted(
                        describe(next), since, humanDuration(Duration.between(since, now)), heartbeat,
                        current.lastSuccessfulBatch()));
        next.alertState = AlertState.ALERTING;
        next.openAlertId = stalled.alertId();
        return Optional.of(new Outcome(next.build(), List.of(stalled)));
    }

    /**
     * Whether the event shows the job moving: it started or finished, a batch beyond the ones seen
     * was committed or failed, or more rows were read than it said before. A redelivered batch or
     * a heartbeat with the same row count is no progress.
     */
    private static boolean movesForward(EtlJobStatus before, EtlProgress event) {
        long rowsBefore = Math.max(before.progressRows(), before.totals() == null ? 0 : before.totals().rowsRead());
        if (event instanceof JobStarted || event instanceof JobFinished) {
            return true;
        }
        if (event instanceof BatchCompleted b) {
            return b.batchNumber() > before.lastSuccessfulBatch()
                    || (b.totals() != null && b.totals().rowsRead() > rowsBefore);
        }
        if (event instanceof BatchFailed f) {
            return f.batchNumber() > before.lastSuccessfulBatch();
        }
        return event instanceof Heartbeat h && h.rowsRead() > rowsBefore;
    }

    private static Alert jobAlert(Builder job, AlertType type, Instant since, UUID resolves, Instant raisedAt,
                                  String summary) {
        // A stall's id names when the silence began, so a second stall of the same run is a new
        // alert; a run fails only once. RECOVERED resolves the stall that began at 'since'.
        UUID id = AlertIds.of(job.jobRunId, type, since, 0);
        return new Alert(Alert.SCHEMA_VERSION, id, type, null, job.jobRunId, null, null, null, job.machineName,
                job.jobName, null, null, type == AlertType.ETL_FAILED ? job.finishedAt : since, null,
                type == AlertType.ETL_FAILED ? job.errorMessage : null, null, resolves, raisedAt, summary);
    }

    private static String describe(Builder job) {
        return describe(job.jobName, job.machineName, job.jobRunId);
    }

    /** How alerts name a job run: "ETL job tax-registration on ETL-01 (run ...)". */
    static String describe(String jobName, String machineName, UUID jobRunId) {
        String name = jobName == null ? "ETL job" : "ETL job " + jobName;
        String machine = machineName == null || machineName.isEmpty() ? "" : " on " + machineName;
        return "%s%s (run %s)".formatted(name, machine, jobRunId);
    }

    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** A mutable copy of a status while one event is folded in. */
    private static final class Builder {
        final UUID jobRunId;
        String jobName;
        String source;
        String mode;
        String machineName;
        EtlJobState state;
        Instant startedAt;
        Instant finishedAt;
        Instant lastEventAt;
        long currentBatch;
        long lastSuccessfulBatch;
        EtlTotals totals;
        Long totalBytes;
        Long bytesRead;
        String errorMessage;
        AlertState alertState;
        UUID openAlertId;
        Instant lastProgressAt;
        long progressRows;

        Builder(EtlJobStatus s) {
            jobRunId = s.jobRunId();
            jobName = s.jobName();
            source = s.source();
            mode = s.mode();
            machineName = s.machineName();
            state = s.status();
            startedAt = s.startedAt();
            finishedAt = s.finishedAt();
            lastEventAt = s.lastEventAt();
            currentBatch = s.currentBatch();
            lastSuccessfulBatch = s.lastSuccessfulBatch();
            totals = s.totals() == null ? EtlTotals.ZERO : s.totals();
            totalBytes = s.totalBytes();
            bytesRead = s.bytesRead();
            errorMessage = s.errorMessage();
            alertState = s.alertState() == null ? AlertState.NONE : s.alertState();
            openAlertId = s.openAlertId();
            lastProgressAt = s.lastProgressAt();
            progressRows = s.progressRows();
        }

        EtlJobStatus build() {
            Instant end = finishedAt != null ? finishedAt : lastEventAt;
            double seconds = startedAt == null || end == null ? 0 : Duration.between(startedAt, end).toMillis() / 1000.0;
            double rowsPerSecond = seconds > 0 ? totals.rowsRead() / seconds : 0.0;
            return new EtlJobStatus(EtlJobStatus.SCHEMA_VERSION, jobRunId, jobName, source, mode, machineName, state,
                    startedAt, finishedAt, lastEventAt, currentBatch, lastSuccessfulBatch, totals, rowsPerSecond,
                    totalBytes, bytesRead, errorMessage, alertState, openAlertId, lastProgressAt, progressRows);
        }
    }
}
