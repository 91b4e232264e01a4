package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a monitor or ETL job has an alert open, i.e. raised and not yet recovered. */
public enum AlertState {
    NONE("none"),
    ALERTING("alerting");

    private final String wireName;

    AlertState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AlertState fromWireName(String name) {
        for (AlertState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        return null;
    }
}
