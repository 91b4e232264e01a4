package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A monitor's health as its last finished run tells it, and for a monitor with a configuration
 * also as its schedule does. A change of health is a flip; {@code running} and {@code late} pass
 * with every run and are shown, not flipped.
 */
public enum MonitorHealth implements WireName {
    /** No finished run yet (only {@code running} signals, or nothing). */
    NEW,
    UP,
    FAILING,
    /** A run started and has not finished yet (monitors with a configuration). */
    RUNNING,
    /** The expected time passed and the grace has not: no run started yet. */
    LATE,
    /** No run started within the grace of an expected time. */
    MISSED,
    /** A started run did not finish within the maximum run time. */
    TIMEOUT,
    /** Disabled by a person (monitors with a configuration). */
    DISABLED;

    /** The health for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static MonitorHealth fromWireName(String name) {
        return WireName.find(MonitorHealth.class, name);
    }
}
