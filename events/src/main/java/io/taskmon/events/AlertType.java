package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an alert says. */
public enum AlertType {
    /** A monitor failed its threshold's number of times in a row. */
    FAILING("FAILING"),
    /** The same streak is still going after the repeat interval: one reminder per interval. */
    REMINDER("REMINDER"),
    /** The first success (or resumed ETL progress) after an open alert; resolves it. */
    RECOVERED("RECOVERED"),
    /** An ETL job finished with status failed. */
    ETL_FAILED("ETL_FAILED"),
    /** A running ETL job sent nothing for the stall timeout. */
    ETL_STALLED("ETL_STALLED");

    private final String wireName;

    AlertType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AlertType fromWireName(String name) {
        for (AlertType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
