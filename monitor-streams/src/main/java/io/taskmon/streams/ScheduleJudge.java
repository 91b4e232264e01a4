package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.AlertType;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorSchedule;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The schedule rules of a monitor with a configuration: when its next run is expected, what a
 * run that arrives does to its deadlines, and what a deadline that passes raises. Pure: the
 * processor keeps the stores and feeds it the tick time.
 */
final class ScheduleJudge {

    private ScheduleJudge() {
    }

    /** When a run started: its own start time, else the time of its outcome. */
    static Instant startOf(TaskRunReported run) {
        return run.startedAt() != null ? run.startedAt() : run.occurredAt();
    }

    /**
     * The schedule after {@code run} (not a late one) arrived. A run that started no earlier than
     * the grace before the expected time serves that expected time, so a job that starts a few
     * seconds early is not missed; the next one is expected after both. An interval monitor
     * expects its next run an interval after the latest start. A new configuration starts afresh
     * from this run.
     */
    static ScheduleState afterRun(ScheduleState state, TaskRunReported run, MonitorConfig config, boolean newConfig) {
        if (!run.status().isStarted() && !newConfig) {
            // Queued, not started: it serves no expected time and ends nothing.
            return state;
        }
        MonitorSchedule schedule = config.schedule().orElse(null);
        Instant start = startOf(run);
        Instant expectedAt = state.expectedAt();
        if (schedule == null) {
            expectedAt = null;
        } else if (expectedAt == null || newConfig || config.intervalSeconds() != null) {
            expectedAt = schedule.nextAfter(start);
        } else if (!start.isBefore(expectedAt.minus(config.grace()))) {
            expectedAt = schedule.nextAfter(start.isAfter(expectedAt) ? start : expectedAt);
        }
        Instant missedAt = expectedAt == null ? null : expectedAt.plus(config.grace());

        String runningRunId = state.runningRunId();
        Instant timeoutAt = state.timeoutAt();
        boolean timedOut = state.timedOut();
        if (run.status() == RunStatus.RUNNING) {
            runningRunId = run.runId();
            timeoutAt = config.maxRuntimeSeconds() == null ? null
                    : start.plus(Duration.ofSeconds(config.maxRuntimeSeconds()));
            timedOut = false;
        } else if (run.runId() != null && run.runId().equals(runningRunId)) {
            runningRunId = null;
            timeoutAt = null;
            timedOut = false;
        }
        // A TIMEOUT that this run did not end stays open, and with it the alert a finish closes.
        return new ScheduleState(expectedAt, missedAt, false, runningRunId, timeoutAt, timedOut,
                state.healthBefore(), timedOut ? state.alertId() : null, timedOut ? state.alertSince() : null,
                state.successesInRow());
    }

    /**
     * The schedule after a person set {@code config} at {@code at}: the next run is expected at
     * the first time after the change. A missed monitor stays missed with its alert (no run came),
     * unless the configuration has no schedule any more; a run still running is timed from its
     * start ({@code runningSince}) with the new maximum run time.
     */
    static ScheduleState configured(ScheduleState state, MonitorConfig config, Instant at, Instant runningSince) {
        MonitorSchedule schedule = config.schedule().orElse(null);
        Instant expectedAt = schedule == null ? null : schedule.nextAfter(at);
        Instant timeoutAt = state.timeoutAt();
        if (state.runningRunId() != null && !state.timedOut()) {
            timeoutAt = config.maxRuntimeSeconds() == null || runningSince == null ? null
                    : runningSince.plus(Duration.ofSeconds(config.maxRuntimeSeconds()));
        }
        return new ScheduleState(expectedAt, expectedAt == null ? null : expectedAt.plus(config.grace()),
                schedule != null && state.missed(), state.runningRunId(), timeoutAt, state.timedOut(),
                state.healthBefore(), state.alertId(), state.alertSince(), state.successesInRow());
    }

    /**
     * A missed monitor keeps expecting: the expected time after the one that was missed, skipping
     * the windows that already passed by {@code clock} (after an outage), so its next window and
     * its reminders go on without a run.
     */
    static ScheduleState keepExpecting(ScheduleState state, MonitorConfig config, Instant clock) {
        MonitorSchedule schedule = config.schedule().orElse(null);
        if (schedule == null || state.expectedAt() == null) {
            return state.withExpected(null, null, true);
        }
        Instant next = schedule.nextAfter(state.expectedAt());
        while (!next.plus(config.grace()).isAfter(clock)) {
            next = schedule.nextAfter(next);
        }
        return state.withExpected(next, next.plus(config.grace()), true);
    }

    /**
     * Whether {@code run} ends what the schedule holds against the monitor: any run ends a MISSED
     * (one started), the finish of the timed-out run ends its TIMEOUT.
     */
    static boolean ends(ScheduleState state, TaskRunReported run) {
        return (state.missed() && run.status().isStarted()) || (state.timedOut() && run.status().isFinished()
                && run.runId() != null && run.runId().equals(state.runningRunId()));
    }

    /** The alert a passed deadline raises: its id is derived from the monitor, type and deadline. */
    static Alert raised(MonitorStatus s, AlertType type, Instant deadline, Instant now, String summary) {
        return new Alert(Alert.SCHEMA_VERSION, AlertIds.of(s.monitorId(), type, deadline, 0), type, s.monitorId(),
                null, s.taskKey(), s.taskName(), s.kind(), s.machineName(), null, s.consecutiveFailures(),
                s.alertAfterFailures(), deadline, deadline, s.lastMessage(), s.lastExitCode(), null, now, summary);
    }

    /** The RECOVERED that closes a MISSED or TIMEOUT alert when a run ends it. */
    static Alert recovered(MonitorStatus s, TaskRunReported run, Instant now) {
        String what = s.health() == MonitorHealth.TIMEOUT ? "the timed-out run finished" : "a run started";
        return new Alert(Alert.SCHEMA_VERSION, AlertIds.of(s.monitorId(), AlertType.RECOVERED, s.lastAlertAt(), 0),
                AlertType.RECOVERED, s.monitorId(), null, s.taskKey(), s.taskName(), s.kind(), s.machineName(), null,
                s.consecutiveFailures(), s.alertAfterFailures(), null, null, null, null, s.openAlertId(), now,
                "%s recovered: %s at %s.".formatted(MonitorStatusFold.describe(s), what, startOf(run)));
    }

    static MonitorFlip flip(UUID monitorId, UUID eventId, MonitorHealth from, MonitorHealth to, String reason,
                            Instant at) {
        return new MonitorFlip(MonitorFlip.SCHEMA_VERSION, monitorId, eventId, from, to, reason, at);
    }

    static MonitorStatus withAlert(MonitorStatus s, AlertState state, UUID alertId, Instant at) {
        return new MonitorStatus(
                s.schemaVersion(), s.monitorId(), s.taskKey(), s.taskName(), s.kind(), s.machineName(),
                s.lastStatus(), s.lastEventId(), s.lastRunId(), s.lastStartedAt(), s.lastFinishedAt(),
                s.lastDurationMs(), s.lastExitCode(), s.lastMessage(), s.lastLogUrl(), s.lastReportedAt(),
                s.lastSuccessAt(), s.lastFailureAt(), s.consecutiveFailures(), s.totalRuns(), s.totalFailures(),
                s.health(), s.streakStartedAt(), s.alertAfterFailures(), state, alertId, at, s.enabled(),
                s.lastRecordsProcessed(), s.monitorConfig(), s.nextExpectedAt(), s.labels());
    }
}
