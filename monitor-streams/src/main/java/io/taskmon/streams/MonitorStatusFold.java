package io.taskmon.streams;

import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Instant;

/** How one run report changes a monitor's latest status. Pure: no Kafka, no clock. */
final class MonitorStatusFold {

    private MonitorStatusFold() {
    }

    /**
     * The status after {@code run}. A run that happened before the one already held is
     * counted but does not replace the latest fields or the failure streak: reports arrive out
     * of order after retries and spools, and the newest outcome is what users mean by status.
     */
    static MonitorStatus apply(MonitorStatus current, TaskRunReported run) {
        boolean finished = run.status().isFinished();
        boolean failed = run.status() == RunStatus.FAILED;
        long totalRuns = (current == null ? 0 : current.totalRuns()) + (finished ? 1 : 0);
        long totalFailures = (current == null ? 0 : current.totalFailures()) + (failed ? 1 : 0);

        if (current != null && run.occurredAt().isBefore(heldEventAt(current))) {
            return withTotals(current, totalRuns, totalFailures);
        }

        int streak = current == null ? 0 : current.consecutiveFailures();
        Instant lastSuccessAt = current == null ? null : current.lastSuccessAt();
        Instant lastFailureAt = current == null ? null : current.lastFailureAt();
        switch (run.status()) {
            case SUCCESS -> {
                streak = 0;
                lastSuccessAt = run.occurredAt();
            }
            case FAILED -> {
                streak += 1;
                lastFailureAt = run.occurredAt();
            }
            case RUNNING -> {
                // A start signal says nothing about health: the streak stands.
            }
        }
        return new MonitorStatus(
                MonitorStatus.SCHEMA_VERSION, run.monitorId(), run.taskKey(), run.taskName(), run.kind(),
                run.machineName(), run.status(), run.eventId(), run.runId(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.exitCode(), run.message(), run.logUrl(),
                run.receivedAt(), lastSuccessAt, lastFailureAt, streak, totalRuns, totalFailures,
                run.status() == RunStatus.RUNNING && current == null ? MonitorHealth.NEW
                        : run.status() == RunStatus.RUNNING ? current.health()
                        : run.status() == RunStatus.FAILED ? MonitorHealth.FAILING : MonitorHealth.UP,
                null, 3, AlertState.NONE, null, null, current == null || current.enabled(), run.recordsProcessed());
    }

    /** When the held status's run happened, by the same rule as {@link TaskRunReported#occurredAt()}. */
    static Instant heldEventAt(MonitorStatus status) {
        if (status.lastFinishedAt() != null) {
            return status.lastFinishedAt();
        }
        if (status.lastStartedAt() != null) {
            return status.lastStartedAt();
        }
        return status.lastReportedAt();
    }

    private static MonitorStatus withTotals(MonitorStatus s, long totalRuns, long totalFailures) {
        return new MonitorStatus(
                s.schemaVersion(), s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(),
                s.lastStatus(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), totalRuns, totalFailures,
                s.health(), s.streakStartedAt(), s.alertAfterFailures(), s.alertState(), s.openAlertId(),
                s.lastAlertAt(), s.enabled(), s.lastRecordsProcessed());
    }
}
