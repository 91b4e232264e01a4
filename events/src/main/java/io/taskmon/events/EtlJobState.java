package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an ETL job run stands. */
public enum EtlJobState {
    RUNNING("running"),
    /** Running but silent past the stall timeout; back to running when it sends again. */
    STALLED("stalled"),
    /** Spelled like a successful task run; events written before that say {@code succeeded}. */
    SUCCESS("success"),
    FAILED("failed");

    private static final String OLD_SUCCESS = "succeeded";

    private final String wireName;

    EtlJobState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The state a wire name stands for, or null. The old spelling {@code succeeded} still reads as
     * {@link #SUCCESS}: events in the topics are replayed whenever the read model is rebuilt.
     */
    @JsonCreator
    public static EtlJobState fromWireName(String name) {
        if (OLD_SUCCESS.equals(name)) {
            return SUCCESS;
        }
        for (EtlJobState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        return null;
    }

    public boolean isFinished() {
        return this == SUCCESS || this == FAILED;
    }
}
