package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a monitor's health, e.g. up to failing: the value of {@link Topics#MONITOR_FLIPS},
 * keyed by monitor id. One flip per (monitor_id, event_id): the run event that caused it.
 *
 * @param reason a short sentence, e.g. "run failed with exit code 2"
 */
public record MonitorFlip(
        int schemaVersion,
        UUID monitorId,
        UUID eventId,
        MonitorHealth oldHealth,
        MonitorHealth newHealth,
        String reason,
        Instant flippedAt) {

    public static final int SCHEMA_VERSION = 1;
}
