package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an ETL job run stands. */
public enum EtlJobState {
    RUNNING("running"),
    /** Running but silent past the stall timeout; back to running when it sends again. */
    STALLED("stalled"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String wireName;

    EtlJobState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EtlJobState fromWireName(String name) {
        for (EtlJobState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        return null;
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
