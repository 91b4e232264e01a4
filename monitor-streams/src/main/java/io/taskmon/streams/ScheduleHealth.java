package io.taskmon.streams;

import io.taskmon.events.MonitorHealth;
import java.time.Instant;

/**
 * The health shown for a monitor with a configuration: what its schedule says over what its runs
 * say. Disabled, timed out, missed, running and late are shown; only a change between what the runs
 * say and missed or timeout is a flip, so a run that starts and ends on time flips nothing.
 */
final class ScheduleHealth {

    private ScheduleHealth() {
    }

    /**
     * @param clock the settled tick time, or {@code null} before any: then nothing is late yet
     */
    static MonitorHealth shown(ScheduleState state, boolean enabled, Instant clock) {
        if (!enabled) {
            return MonitorHealth.DISABLED;
        }
        if (state.timedOut()) {
            return MonitorHealth.TIMEOUT;
        }
        if (state.missed()) {
            return MonitorHealth.MISSED;
        }
        if (state.runningRunId() != null) {
            return MonitorHealth.RUNNING;
        }
        if (isLate(state, clock)) {
            return MonitorHealth.LATE;
        }
        return state.runHealth();
    }

    /** The expected time has passed and its grace has not. */
    static boolean isLate(ScheduleState state, Instant clock) {
        return clock != null && state.expectedAt() != null && !state.missed()
                && !clock.isBefore(state.expectedAt()) && clock.isBefore(state.missedAt());
    }

    /** The health flips and alerts are about: missed and timeout as shown, else what the runs say. */
    static MonitorHealth judged(ScheduleState state) {
        if (state.timedOut()) {
            return MonitorHealth.TIMEOUT;
        }
        if (state.missed()) {
            return MonitorHealth.MISSED;
        }
        return state.runHealth();
    }
}
