package io.taskmon.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A person changed a monitor over the admin API: the value of {@link Topics#MONITOR_SETTINGS},
 * keyed by monitor id. Monitor-streams folds it into the monitor's status, so the change reaches
 * the read model the same way runs do.
 *
 * <p>Schema version 1 only enabled and disabled monitors and names no {@code change}; such a
 * record reads as {@link SettingChange#ENABLED}. Version 2 adds creating a monitor ahead of its
 * first run, replacing its configuration and deleting it.
 *
 * @param change        what the event does; {@code null} (version 1) means {@link SettingChange#ENABLED}
 * @param enabled       for {@code enabled}: whether the monitor raises alerts
 * @param taskKey       for {@code created}: the monitor's identity with {@code kind} and {@code machineName}
 * @param taskName      for {@code created}: the name shown for the monitor
 * @param monitorConfig for {@code created} and {@code configured}: the configuration, replacing the one before
 * @param labels        for {@code created}: the monitor's labels, a flat map of strings
 */
public record MonitorSettingChanged(
        int schemaVersion,
        UUID eventId,
        UUID monitorId,
        SettingChange change,
        Boolean enabled,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        MonitorConfig monitorConfig,
        Map<String, String> labels,
        Instant changedAt) {

    public static final int SCHEMA_VERSION = 2;

    /** An enable or disable, as every version writes it. */
    public MonitorSettingChanged(int schemaVersion, UUID eventId, UUID monitorId, boolean enabled, Instant changedAt) {
        this(schemaVersion, eventId, monitorId, SettingChange.ENABLED, enabled, null, null, null, null, null, null,
                changedAt);
    }

    public static MonitorSettingChanged created(UUID eventId, String taskKey, String taskName, String kind,
                                                String machineName, MonitorConfig config, Map<String, String> labels,
                                                Instant changedAt) {
        return new MonitorSettingChanged(SCHEMA_VERSION, eventId, MonitorId.of(taskKey, kind, machineName),
                SettingChange.CREATED, null, taskKey, taskName, kind, machineName, config, labels, changedAt);
    }

    public static MonitorSettingChanged configured(UUID eventId, UUID monitorId, MonitorConfig config,
                                                   Instant changedAt) {
        return new MonitorSettingChanged(SCHEMA_VERSION, eventId, monitorId, SettingChange.CONFIGURED, null, null,
                null, null, null, config, null, changedAt);
    }

    public static MonitorSettingChanged deleted(UUID eventId, UUID monitorId, Instant changedAt) {
        return new MonitorSettingChanged(SCHEMA_VERSION, eventId, monitorId, SettingChange.DELETED, null, null,
                null, null, null, null, null, changedAt);
    }

    /** What the event does, reading a version 1 record as an enable or disable. */
    public SettingChange changeOrEnabled() {
        return change == null ? SettingChange.ENABLED : change;
    }
}
