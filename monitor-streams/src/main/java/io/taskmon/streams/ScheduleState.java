package io.taskmon.streams;

import io.taskmon.events.MonitorHealth;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a monitor with a configuration stands against its schedule, kept per monitor next to
 * its status. Each pending deadline here has its entry in the deadline store, which is what the
 * ticks scan; this record says which entry is current.
 *
 * @param expectedAt       when the next run is expected to start
 * @param missedAt         expected + grace: no run started by then is a MISSED
 * @param missed           the monitor is missed: no run started since {@code expectedAt}
 * @param runningRunId     the run started (a {@code running} signal) and not finished yet
 * @param timeoutAt        its start + the maximum run time
 * @param timedOut         that run passed its maximum run time
 * @param healthBefore     the health a MISSED or TIMEOUT covered, given back when a run ends it
 * @param alertId          the MISSED or TIMEOUT alert this state opened, which a run closes
 */
record ScheduleState(Instant expectedAt, Instant missedAt, boolean missed, String runningRunId, Instant timeoutAt,
                     boolean timedOut, MonitorHealth healthBefore, UUID alertId) {

    static final ScheduleState NONE = new ScheduleState(null, null, false, null, null, false, null, null);

    boolean isMissedOrTimedOut() {
        return missed || timedOut;
    }
}
