package io.taskmon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A person changed a monitor's settings (today: enabled or disabled it): the value of
 * {@link Topics#MONITOR_SETTINGS}, keyed by monitor id. Monitor-streams folds it into the
 * monitor's status, so the change reaches the read model the same way runs do.
 */
public record MonitorSettingChanged(
        int schemaVersion,
        UUID eventId,
        UUID monitorId,
        boolean enabled,
        Instant changedAt) {

    public static final int SCHEMA_VERSION = 1;
}
