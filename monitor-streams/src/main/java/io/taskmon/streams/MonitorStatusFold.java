package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.AlertType;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How a run report, a setting or the passing of time changes a monitor: its latest status, the
 * flip of its health and the alerts it raises. Pure: no Kafka, no clock ({@code now} is given).
 */
final class MonitorStatusFold {

    /** The monitor after one input; {@code flip} is null when the health did not change. */
    record Outcome(MonitorStatus status, MonitorFlip flip, List<Alert> alerts, int remindersSent) {
    }

    private final MonitorRules rules;

    MonitorStatusFold(MonitorRules rules) {
        this.rules = rules;
    }

    /**
     * True when {@code run} happened before the run the status holds. Reports arrive out of order
     * after retries and spools; the newest outcome is what users mean by status, so a late run is
     * counted but changes neither the latest fields nor the streak.
     */
    static boolean isLate(MonitorStatus current, TaskRunReported run) {
        // A monitor created over the admin API holds no run yet, so nothing is late against it.
        Instant held = current == null ? null : heldEventAt(current);
        return held != null && run.occurredAt().isBefore(held);
    }

    /**
     * The monitor after {@code run}.
     *
     * @param overrides     the monitor's own threshold and enabled flag, already updated by this run
     * @param remindersSent reminders sent for the open alert so far (0 when none is open)
     * @param now           the wall-clock time, for the alert's time and the reminder interval
     */
    Outcome onRun(MonitorStatus current, TaskRunReported run, MonitorOverrides overrides, int remindersSent,
                  Instant now) {
        return onRun(current, run, RunVerdict.of(run, overrides.config()), overrides, remindersSent, 1, now);
    }

    /**
     * The monitor after {@code run}, counted as {@code verdict} says.
     *
     * @param successesInRow successes in a row up to and including this run: an open FAILING alert
     *                       closes only when they reach the configuration's {@code recover_after_successes};
     *                       until then the incident (its streak, its health) stands
     */
    Outcome onRun(MonitorStatus current, TaskRunReported run, RunVerdict verdict, MonitorOverrides overrides,
                  int remindersSent, int successesInRow, Instant now) {
        boolean finished = run.status().isFinished();
        boolean failed = verdict.isFailure();
        long totalRuns = (current == null ? 0 : current.totalRuns()) + (finished ? 1 : 0);
        long totalFailures = (current == null ? 0 : current.totalFailures()) + (failed ? 1 : 0);
        int threshold = overrides.thresholdOr(rules.alertAfterFailures());

        if (isLate(current, run)) {
            return new Outcome(withTotals(current, totalRuns, totalFailures), null, List.of(), remindersSent);
        }

        MonitorHealth oldHealth = current == null ? MonitorHealth.NEW : current.health();
        int streak = current == null ? 0 : current.consecutiveFailures();
        Instant streakStartedAt = current == null ? null : current.streakStartedAt();
        Instant lastSuccessAt = current == null ? null : current.lastSuccessAt();
        Instant lastFailureAt = current == null ? null : current.lastFailureAt();
        MonitorHealth health = oldHealth;
        AlertState alertBefore = current == null ? AlertState.NONE : current.alertState();
        boolean recoveryHeld = verdict.isSuccess() && alertBefore == AlertState.ALERTING
                && successesInRow < overrides.recoverAfterSuccesses();
        switch (verdict.kind()) {
            case SUCCEEDED -> {
                lastSuccessAt = run.occurredAt();
                if (!recoveryHeld) {
                    streak = 0;
                    streakStartedAt = null;
                    health = MonitorHealth.UP;
                }
            }
            case FAILED -> {
                if (streak == 0) {
                    streakStartedAt = run.occurredAt();
                }
                streak += 1;
                lastFailureAt = run.occurredAt();
                health = MonitorHealth.FAILING;
            }
            case STARTED, QUEUED, RETRYING -> {
                // A start, a queued run or an attempt the job retries says nothing about health:
                // the streak and any open alert stand.
            }
        }

        AlertState alertState = current == null ? AlertState.NONE : current.alertState();
        UUID openAlertId = current == null ? null : current.openAlertId();
        Instant lastAlertAt = current == null ? null : current.lastAlertAt();
        MonitorStatus status = new MonitorStatus(
                MonitorStatus.SCHEMA_VERSION, run.monitorId(), run.taskKey(), run.taskName(), run.kind(),
                run.machineName(), run.status(), run.eventId(), run.runId(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.exitCode(), run.message(), run.logUrl(),
                run.receivedAt(), lastSuccessAt, lastFailureAt, streak, totalRuns, totalFailures,
                health, streakStartedAt, threshold, alertState, openAlertId, lastAlertAt, overrides.enabled(),
                run.recordsProcessed(), overrides.config(), current == null ? null : current.nextExpectedAt(),
                current == null ? null : current.labels());

        MonitorFlip flip = health == oldHealth ? null : new MonitorFlip(MonitorFlip.SCHEMA_VERSION,
                run.monitorId(), run.eventId(), oldHealth, health, flipReason(run, verdict), run.occurredAt());

        if (failed && alertState == AlertState.NONE && overrides.enabled() && streak >= threshold) {
            // ">=" rather than "==": a threshold lowered below a running streak, or a monitor
            // enabled again in the middle of one, alerts on its next failure.
            Alert alert = monitorAlert(status, AlertType.FAILING, 0, null, now,
                    "%s failed %d time%s in a row (alert after %d)%s.".formatted(
                            describe(status), streak, streak == 1 ? "" : "s", threshold, lastWords(status)));
            return new Outcome(opened(status, alert.alertId(), now), flip, List.of(alert), 0);
        }
        if (failed && alertState == AlertState.ALERTING) {
            Optional<Outcome> reminder = reminderIfDue(status, remindersSent, now);
            if (reminder.isPresent()) {
                return new Outcome(reminder.get().status(), flip, reminder.get().alerts(),
                        reminder.get().remindersSent());
            }
        }
        if (verdict.isSuccess() && alertState == AlertState.ALERTING && !recoveryHeld) {
            // Sent for a disabled monitor too: the incident it opened is over either way.
            String successes = successesInRow > 1 ? " (%d successes in a row)".formatted(successesInRow) : "";
            Alert alert = monitorAlert(status, AlertType.RECOVERED, 0, openAlertId, now,
                    "%s recovered: the run at %s succeeded after %d failure%s in a row%s.".formatted(
                            describe(status), run.occurredAt(), current.consecutiveFailures(),
                            current.consecutiveFailures() == 1 ? "" : "s", successes),
                    current.streakStartedAt());
            return new Outcome(closed(status), flip, List.of(alert), 0);
        }
        return new Outcome(status, flip, List.of(), remindersSent);
    }

    /** The monitor enabled or disabled. A disabled monitor keeps an open alert, but sends no reminders. */
    Outcome onSetting(MonitorStatus current, boolean enabled, int remindersSent) {
        MonitorStatus s = current;
        return new Outcome(new MonitorStatus(
                s.schemaVersion(), s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(),
                s.lastStatus(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), s.totalRuns(), s.totalFailures(),
                s.health(), s.streakStartedAt(), s.alertAfterFailures(), s.alertState(), s.openAlertId(),
                s.lastAlertAt(), enabled, s.lastRecordsProcessed(), s.monitorConfig(), s.nextExpectedAt(), s.labels()), null,
                List.of(), remindersSent);
    }

    /**
     * A REMINDER when an alert is open, the monitor enabled and still failing, and the repeat
     * interval has passed since the last alert or reminder, else empty.
     */
    Optional<Outcome> reminderIfDue(MonitorStatus status, int remindersSent, Instant now) {
        return reminderIfDue(status, remindersSent, now, status.streakStartedAt());
    }

    /**
     * As {@link #reminderIfDue(MonitorStatus, int, Instant)} for an incident that started at
     * {@code incidentStart}: the reminder's id is derived from it, so the reminders of two
     * incidents never share ids (a MISSED or TIMEOUT incident has no failure streak to name it).
     */
    Optional<Outcome> reminderIfDue(MonitorStatus status, int remindersSent, Instant now, Instant incidentStart) {
        if (status.alertState() != AlertState.ALERTING || !status.enabled() || !stillWrong(status.health())
                || status.lastAlertAt() == null || now.isBefore(status.lastAlertAt().plus(rules.reminderInterval()))) {
            return Optional.empty();
        }
        int number = remindersSent + 1;
        String summary = status.health() == MonitorHealth.FAILING
                ? "%s is still failing: %d failure%s in a row since %s%s.".formatted(
                        describe(status), status.consecutiveFailures(), status.consecutiveFailures() == 1 ? "" : "s",
                        status.streakStartedAt(), lastWords(status))
                : "%s is still %s since %s.".formatted(describe(status), status.health().wireName(),
                        incidentStart != null ? incidentStart : status.lastAlertAt());
        Alert alert = monitorAlert(status, AlertType.REMINDER, number, status.openAlertId(), now, summary,
                incidentStart);
        return Optional.of(new Outcome(opened(status, status.openAlertId(), now), null, List.of(alert), number));
    }

    /** The healths an open alert is about: reminders go out while one of them lasts. */
    private static boolean stillWrong(MonitorHealth health) {
        return health == MonitorHealth.FAILING || health == MonitorHealth.MISSED || health == MonitorHealth.TIMEOUT;
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

    private static Alert monitorAlert(MonitorStatus s, AlertType type, int number, UUID resolves,
                                      Instant now, String summary) {
        return monitorAlert(s, type, number, resolves, now, summary, s.streakStartedAt());
    }

    private static Alert monitorAlert(MonitorStatus s, AlertType type, int number, UUID resolves,
                                      Instant now, String summary, Instant streakStartedAt) {
        return new Alert(Alert.SCHEMA_VERSION, AlertIds.of(s.monitorId(), type, streakStartedAt, number), type,
                s.monitorId(), null, s.taskKey(), s.taskName(), s.kind(), s.machineName(), null,
                s.consecutiveFailures(), s.alertAfterFailures(), streakStartedAt,
                type == AlertType.RECOVERED ? null : s.lastFailureAt(),
                type == AlertType.RECOVERED ? null : s.lastMessage(),
                type == AlertType.RECOVERED ? null : s.lastExitCode(), resolves, now, summary);
    }

    private static MonitorStatus opened(MonitorStatus s, UUID alertId, Instant at) {
        return withAlert(s, AlertState.ALERTING, alertId, at);
    }

    private static MonitorStatus closed(MonitorStatus s) {
        return withAlert(s, AlertState.NONE, null, s.lastAlertAt());
    }

    private static MonitorStatus withAlert(MonitorStatus s, AlertState state, UUID alertId, Instant at) {
        return new MonitorStatus(
                s.schemaVersion(), s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(),
                s.lastStatus(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), s.totalRuns(), s.totalFailures(),
                s.health(), s.streakStartedAt(), s.alertAfterFailures(), state, alertId, at, s.enabled(),
                s.lastRecordsProcessed(), s.monitorConfig(), s.nextExpectedAt(), s.labels());
    }

    private static MonitorStatus withTotals(MonitorStatus s, long totalRuns, long totalFailures) {
        return new MonitorStatus(
                s.schemaVersion(), s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(),
                s.lastStatus(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), totalRuns, totalFailures,
                s.health(), s.streakStartedAt(), s.alertAfterFailures(), s.alertState(), s.openAlertId(),
                s.lastAlertAt(), s.enabled(), s.lastRecordsProcessed(), s.monitorConfig(), s.nextExpectedAt(), s.labels());
    }

    private static String flipReason(TaskRunReported run, RunVerdict verdict) {
        if (verdict.reason() != null) {
            return "run " + verdict.reason();
        }
        if (run.status() == RunStatus.SUCCESS) {
            return "run succeeded";
        }
        return run.exitCode() == null ? "run failed" : "run failed with exit code " + run.exitCode();
    }

    /** "backup (shell on WEB-01)": the words a person knows the monitor by. */
    static String describe(MonitorStatus s) {
        String machine = s.machineName() == null || s.machineName().isEmpty() ? "" : " on " + s.machineName();
        return "%s (%s%s)".formatted(s.taskKey(), s.kind(), machine);
    }

    private static String lastWords(MonitorStatus s) {
        StringBuilder words = new StringBuilder();
        if (s.lastExitCode() != null) {
            words.append("; last exit code ").append(s.lastExitCode());
        }
        if (s.lastMessage() != null && !s.lastMessage().isBlank()) {
            String message = s.lastMessage().strip().replaceAll("\\s+", " ");
            words.append(words.isEmpty() ? "; last message: " : ", message: ")
                    .append(message.length() > 200 ? message.substring(0, 200) + "..." : message);
        }
        return words.toString();
    }
}
