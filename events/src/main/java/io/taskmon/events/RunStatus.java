package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The status a run reports: finished well, finished badly, or just started. */
public enum RunStatus implements WireName {
    SUCCESS,
    FAILED,
    /** A start signal: opens a run that a later success or failed with the same run_id closes. */
    RUNNING;

    /** The status for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static RunStatus fromWireName(String name) {
        return WireName.find(RunStatus.class, name);
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
