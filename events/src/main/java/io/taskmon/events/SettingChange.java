package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a {@link MonitorSettingChanged} does to its monitor. */
public enum SettingChange implements WireName {
    /** Enabled or disabled it; the only change of schema version 1, whose records name none. */
    ENABLED,
    /** Created it ahead of its first run (or, for a known monitor, renamed it and replaced its configuration). */
    CREATED,
    /** Replaced its configuration. */
    CONFIGURED,
    /** Deleted it with its history; a later report creates it afresh. */
    DELETED;

    /** The change for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static SettingChange fromWireName(String name) {
        return WireName.find(SettingChange.class, name);
    }
}
