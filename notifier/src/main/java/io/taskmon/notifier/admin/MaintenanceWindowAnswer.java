package io.taskmon.notifier.admin;

import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.RouteMatch;
import java.time.Instant;
import java.util.UUID;

/**
 * A maintenance window as the API shows it, with {@code id} as channels have.
 *
 * @param openUntil when the window open now closes; null while it is closed
 * @param nextStart when it opens next
 */
public record MaintenanceWindowAnswer(UUID id, String name, RouteMatch match, String cron, long durationSeconds,
                                      String timezone, Instant openUntil, Instant nextStart, Instant changedAt) {

    static MaintenanceWindowAnswer of(MaintenanceWindow window, Instant now) {
        return new MaintenanceWindowAnswer(window.windowId(), window.name(), window.match(), window.cron(),
                window.durationSeconds(), window.timezone(), window.openUntil(now).orElse(null),
                window.nextStartAfter(now), window.changedAt());
    }
}
