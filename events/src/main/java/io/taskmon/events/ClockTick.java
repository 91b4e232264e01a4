package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A gateway's clock, sent about once a second to every partition of {@link Topics#CLOCK_TICKS},
 * keyed by the gateway id. monitor-streams judges deadlines against the time these ticks carry,
 * never against its own wall clock: when ingestion stops, time stops with it, and no run is
 * missed because it could not be reported.
 *
 * @param gatewayId which gateway ticks; a new one per gateway process start
 * @param at        the gateway's wall clock when it sent the tick
 */
public record ClockTick(int schemaVersion, UUID gatewayId, Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
