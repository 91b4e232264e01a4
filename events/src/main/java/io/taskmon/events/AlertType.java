package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What an alert says; written in capitals on the wire, as the contract names the types. */
@WireName.Verbatim
public enum AlertType implements WireName {
    /** A monitor failed its threshold's number of times in a row. */
    FAILING,
    /** The same streak is still going after the repeat interval: one reminder per interval. */
    REMINDER,
    /**
     * The first success (or resumed ETL progress, or a window without rejected rows after an error
     * burst) after an open alert; resolves it.
     */
    RECOVERED,
    /** An ETL job finished with status failed. */
    ETL_FAILED,
    /** A running ETL job did not move forward (rows read) for the stall timeout, heartbeats or not. */
    ETL_STALLED,
    /** A running ETL job rejected at least the burst's number of rows within its window. */
    ETL_ERROR_BURST,
    /** A monitor with a schedule: no run started between an expected time and its grace. */
    MISSED,
    /** A monitor with a maximum run time: a started run did not finish within it. */
    TIMEOUT;

    @JsonCreator
    public static AlertType fromWireName(String name) {
        return WireName.find(AlertType.class, name);
    }
}
