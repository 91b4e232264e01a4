package io.taskmon.streams;

import io.taskmon.events.MonitorHealth;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a monitor with a configuration stands against its schedule, kept per monitor next to
 * its status. Each pending deadline here has its entry in the deadline store, which is what the
 * ticks scan; this record says which entry is current.
 *
 * @param expectedAt       when the next run is expected to start; a missed monitor keeps expecting,
 *                         one expected time after the other, so its next window is judged too
 * @param missedAt         expected + grace: no run started by then is a MISSED
 * @param missed           the monitor is missed: no run started since the expected time that was missed
 * @param runningRunId     the run started (a {@code running} signal) and not finished yet
 * @param timeoutAt        its start + the maximum run time
 * @param timedOut         that run passed its maximum run time
 * @param healthBefore     the health the runs say (new, up, failing), under the health the schedule
 *                         shows (running, late, missed, timeout, disabled); given back when that ends,
 *                         and what flips compare
 * @param alertId          the MISSED or TIMEOUT alert this state opened, which a run closes
 * @param alertSince       the deadline that opened that alert: the incident's start, which names its
 *                         reminders
 * @param successesInRow   successes since the last failure, for {@code recover_after_successes}
 */
record ScheduleState(Instant expectedAt, Instant missedAt, boolean missed, String runningRunId, Instant timeoutAt,
                     boolean timedOut, MonitorHealth healthBefore, UUID alertId, Instant alertSince,
                     int successesInRow) {

    static final ScheduleState NONE = new ScheduleState(null, null, false, null, null, false, null, null, null, 0);

    boolean isMissedOrTimedOut() {
        return missed || timedOut;
    }

    /** The health the runs say; {@code new} before any. */
    MonitorHealth runHealth() {
        return healthBefore == null ? MonitorHealth.NEW : healthBefore;
    }

    ScheduleState withExpected(Instant expected, Instant missedBy, boolean isMissed) {
        return new ScheduleState(expected, missedBy, isMissed, runningRunId, timeoutAt, timedOut, healthBefore,
                alertId, alertSince, successesInRow);
    }

    ScheduleState withTimedOut() {
        return new ScheduleState(expectedAt, missedAt, missed, runningRunId, timeoutAt, true, healthBefore, alertId,
                alertSince, successesInRow);
    }

    ScheduleState withRunHealth(MonitorHealth health) {
        return new ScheduleState(expectedAt, missedAt, missed, runningRunId, timeoutAt, timedOut, health, alertId,
                alertSince, successesInRow);
    }

    ScheduleState withAlert(UUID id, Instant since) {
        return new ScheduleState(expectedAt, missedAt, missed, runningRunId, timeoutAt, timedOut, healthBefore, id,
                since, successesInRow);
    }

    ScheduleState withSuccessesInRow(int successes) {
        return new ScheduleState(expectedAt, missedAt, missed, runningRunId, timeoutAt, timedOut, healthBefore,
                alertId, alertSince, successes);
    }
}
