package io.taskmon.dashboard.db;

import java.time.Instant;
import java.util.UUID;

/** One change of a monitor's health: a row of {@code taskmon.monitor_flips}. */
public record FlipRow(UUID monitorId, UUID eventId, String oldHealth, String newHealth, String reason,
                      Instant flippedAt) {
}
