package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Whether a monitor or ETL job has an alert open, i.e. raised and not yet recovered. */
public enum AlertState implements WireName {
    NONE,
    ALERTING;

    @JsonCreator
    public static AlertState fromWireName(String name) {
        return WireName.find(AlertState.class, name);
    }
}
