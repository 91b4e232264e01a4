package io.taskmon.readmodel;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code taskmon.monitor_flips}. */
public record MonitorFlipRow(UUID monitorId, UUID eventId, String oldHealth, String newHealth, String reason,
                             Instant flippedAt) {
}
