package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A monitor's health as its last finished run tells it; a change of health is a flip. */
public enum MonitorHealth implements WireName {
    /** No finished run yet (only {@code running} signals, or nothing). */
    NEW,
    UP,
    FAILING;

    /** The health for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static MonitorHealth fromWireName(String name) {
        return WireName.find(MonitorHealth.class, name);
    }
}
