package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A monitor's health as its last finished run tells it; a change of health is a flip. */
public enum MonitorHealth {
    /** No finished run yet (only {@code running} signals, or nothing). */
    NEW("new"),
    UP("up"),
    FAILING("failing");

    private final String wireName;

    MonitorHealth(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The health for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static MonitorHealth fromWireName(String name) {
        for (MonitorHealth health : values()) {
            if (health.wireName.equals(name)) {
                return health;
            }
        }
        return null;
    }
}
