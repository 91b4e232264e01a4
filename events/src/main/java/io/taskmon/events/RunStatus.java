package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The status a run reports: finished well, finished badly, or just started. */
public enum RunStatus {
    SUCCESS("success"),
    FAILED("failed"),
    /** A start signal: opens a run that a later success or failed with the same run_id closes. */
    RUNNING("running");

    private final String wireName;

    RunStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The status for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static RunStatus fromWireName(String name) {
        for (RunStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        return null;
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
