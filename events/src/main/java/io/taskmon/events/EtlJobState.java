package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where an ETL job run stands. */
public enum EtlJobState implements WireName {
    RUNNING,
    /** Running but silent past the stall timeout; back to running when it sends again. */
    STALLED,
    /** Spelled like a successful task run; events written before that say {@code succeeded}. */
    SUCCESS,
    FAILED;

    private static final String OLD_SUCCESS = "succeeded";

    /**
     * The state a wire name stands for, or null. The old spelling {@code succeeded} still reads as
     * {@link #SUCCESS}: events in the topics are replayed whenever the read model is rebuilt.
     */
    @JsonCreator
    public static EtlJobState fromWireName(String name) {
        if (OLD_SUCCESS.equals(name)) {
            return SUCCESS;
        }
        return WireName.find(EtlJobState.class, name);
    }

    public boolean isFinished() {
        return this == SUCCESS || this == FAILED;
    }
}
