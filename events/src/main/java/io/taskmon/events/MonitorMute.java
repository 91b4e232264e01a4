package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One monitor snoozed until a time: while it lasts, the monitor's alerts are recorded but their
 * deliveries are held; one still open when it ends is told then.
 *
 * @param until     when the snooze ends; an alert raised at or after it is told at once
 * @param changedAt when someone set it
 */
public record MonitorMute(UUID monitorId, Instant until, Instant changedAt) {

    /** Whether the snooze holds alerts of {@code monitor} at {@code now}. */
    public boolean holds(UUID monitor, Instant now) {
        return monitorId.equals(monitor) && until.isAfter(now);
    }
}
